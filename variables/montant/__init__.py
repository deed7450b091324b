"""Montant de l'allocation (articles R5423-1 3°, R5423-2 et R5423-13 du code du travail)."""
