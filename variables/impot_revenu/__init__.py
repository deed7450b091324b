"""L'ASS dans l'impôt sur le revenu (articles 79 et 158, 5, b du code général des impôts)."""
