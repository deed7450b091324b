"""Droits à la retraite ouverts par l'ASS (code de la sécurité sociale, articles L351-3 et R351-12)."""
