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
