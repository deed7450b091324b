"""Réformes de l'ASS, une par module, nommées comme leur module."""
