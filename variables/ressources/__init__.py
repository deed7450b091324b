"""Ressources prises en compte (articles R5423-2 à R5423-5 du code du travail)."""
