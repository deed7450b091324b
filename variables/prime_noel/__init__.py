"""Prime de Noël (aide exceptionnelle de fin d'année) des allocataires de l'ASS, à Mayotte."""
