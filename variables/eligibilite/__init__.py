"""Conditions d'attribution (articles L5423-1, L5423-7, L5421-4, R5423-1, R5425-2 du code du travail)."""
