"""L'ASS dans le RSA : neutralisation des allocations de chômage interrompues (article R262-13 du CASF)."""
