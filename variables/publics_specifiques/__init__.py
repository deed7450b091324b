"""Publics spécifiques de l'ASS (article L5423-3 du code du travail, D5424-62 et suivants, code des transports)."""
