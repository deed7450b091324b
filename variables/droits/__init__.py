"""Droits ouverts : période d'attribution et renouvellement (articles R5423-8 et R5423-9 du code du travail)."""
