"""Legal references cited by the variables, kept in one place.

Where the Légifrance identifier of an article is known it is used (``LEGIARTI…``); otherwise the
link points to the section of the Code du travail that holds the article.
"""

LEGIFRANCE = "https://www.legifrance.gouv.fr/codes/article_lc/"
SECTION_L5423 = "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072050/LEGISCTA000006189826/"
SECTION_R5423 = "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072050/LEGISCTA000018525086/"

L5421_4 = ["Code du travail, article L5421-4", LEGIFRANCE + "LEGIARTI000023031779"]
L5423_1 = ["Code du travail, article L5423-1", LEGIFRANCE + "LEGIARTI000006903847"]
L5423_7 = ["Code du travail, article L5423-7 (loi n° 2016-1917 du 29 décembre 2016, art. 87)", SECTION_L5423]
R5423_1 = ["Code du travail, article R5423-1", LEGIFRANCE + "LEGIARTI000018525084"]
R5423_2 = ["Code du travail, article R5423-2", SECTION_R5423]
R5423_3 = ["Code du travail, article R5423-3", "https://code.travail.gouv.fr/code-du-travail/r5423-3"]
R5423_4 = ["Code du travail, article R5423-4", SECTION_R5423]
R5423_5 = ["Code du travail, article R5423-5", LEGIFRANCE + "LEGIARTI000018525076"]
R5423_13 = ["Code du travail, article R5423-13",
            "https://french-business-law.com/french-legislation-art/article-r5423-13-of-the-french-labour-code"]
R5425_2 = ["Code du travail, article R5425-2 (décret n° 2017-826 du 5 mai 2017)",
           "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000034603502"]
R5425_6 = ["Code du travail, article R5425-6 (décret n° 2017-826 du 5 mai 2017)",
           "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000034603502"]
SERVICE_PUBLIC = "https://www.service-public.fr/particuliers/vosdroits/F12484"

# Cycle de vie de l'ASS : publics spécifiques, période d'attribution, option, ACRE, âge, retraite.
L5423_2 = ["Code du travail, article L5423-2 (option pour l'ASS des allocataires de 50 ans et plus)", SECTION_L5423]
L5423_3 = ["Code du travail, article L5423-3 (artistes, marins-pêcheurs, ouvriers dockers occasionnels)", SECTION_L5423]
D5424_62 = ["Code du travail, article D5424-62 (artistes-auteurs et artistes du spectacle)",
            "https://french-business-law.com/french-legislation-art/article-d5424-62-of-the-french-labour-code"]
L5546_2_TRANSPORTS = ["Code des transports, article L5546-2 (marins-pêcheurs)",
                      "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000023086525/"]
CODE_TRANSPORTS_DOCKERS = ["Code des transports, partie ports maritimes (ouvriers dockers occasionnels)",
                           "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000023086525/"]
R5423_8 = ["Code du travail, article R5423-8 (attribution pour six mois, renouvelable)",
           "https://french-business-law.com/french-legislation-art/article-r5423-8-of-the-french-labour-code"]
R5423_9 = ["Code du travail, article R5423-9 (renouvellement aux mêmes conditions)",
           "https://tricoteuses.fr/legifrance/articles/LEGIARTI000018525066"]
R5141_28 = ["Code du travail, article R5141-28 (maintien de l'ASS un an pour le créateur admis à l'ACRE)",
            "https://tricoteuses.fr/en/legifrance/articles/LEGIARTI000018526227"]
CSS_L161_17_2 = ["Code de la sécurité sociale, article L161-17-2 (âge légal de départ en retraite)",
                 "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006073189/LEGISCTA000006156065/"]
CSS_L351_1 = ["Code de la sécurité sociale, article L351-1 (durée d'assurance du taux plein)",
              "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006073189/LEGISCTA000006156088/"]
CSS_R351_12 = ["Code de la sécurité sociale, articles L351-3 et R351-12 "
               "(périodes assimilées : chômage, 50 jours par trimestre)",
               "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006073189/LEGISCTA000006173403/"]
DECRET_AEFA_2018 = ["Décret de décembre 2018 portant attribution d'une aide exceptionnelle de fin d'année "
                    "(ASS : 152,45 €, Mayotte : 76,22 €)",
                    "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000037814755"]

# Frontières de l'ASS avec le RSA et l'impôt sur le revenu.
CASF_R262_13 = ["Code de l'action sociale et des familles, article R262-13 (décret n° 2019-796 du 26 juillet 2019, "
                "art. 5, en vigueur le 1er novembre 2019)", LEGIFRANCE + "LEGIARTI000038893113"]
CNAF_NEUTRALISATION = ["Lettre-circulaire CNAF n° 2010-130 du 21 juillet 2010 (neutralisation à compter du mois de "
                       "fin de perception), citée par ASH, « Les mesures de neutralisation ou d'abattement »",
                       "https://ash.tm.fr/numeros-juridiques/2725/les-composantes-du-rsa/les-ressources-prises-en-compte/"
                       "les-mesures-de-neutralisation-ou-dabattement-505687.php"]
CGI_79 = ["Code général des impôts, article 79 (identifiant d'article non relevé : lien vers le code)",
          "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006069577/"]
CGI_158_5_B = ["Code général des impôts, article 158, 5, b (allocations de L5423-1 imposées comme les salaires)",
               LEGIFRANCE + "LEGIARTI000047622551"]
IMPOTS_ALLOCATIONS_CHOMAGE = ["impots.gouv.fr : allocations chômage, cases 1AP à 1DP de la déclaration de revenus",
                              "https://www.impots.gouv.fr/portail/particulier/questions/dois-je-declarer-mes-allocations-chomage"]
