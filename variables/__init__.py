"""Variables de l'ASS, rangées comme le code du travail : ressources, éligibilité, montant."""
