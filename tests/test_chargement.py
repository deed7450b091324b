"""Loading a persons table: the shipped sample, the period rules of the columns, and every kind of error at once."""
import pandas
import pytest

from openfisca_ass.analyse.chargement import ErreurDonnees, charger_personnes, ecrire_personnes
from openfisca_ass.analyse.synthetique import tirer_personnes

ECHANTILLON = "tests/donnees/menages_echantillon.csv"
ENTETE = "idmen,quimen,idfam,quifam,idfoy,quifoy,wprm"


def test_echantillon(systeme):
    personnes = charger_personnes(ECHANTILLON, 2027, systeme)
    assert personnes.idmen.nunique() == 300
    assert len(personnes) == 548
    assert personnes.attrs["chargee"] and personnes.attrs["annee"] == 2027
    # Varied, as the sample is meant to be: couples, children, partners' resources, AAH, Mayotte, rents.
    premiers = personnes[personnes.quimen == 0]
    assert (personnes.quimen == 1).sum() == 106
    assert (personnes.quifam == 2).sum() == 142
    assert premiers.residence_mayotte.fillna(False).sum() == 4
    assert personnes.ass_aah_droits_acquis_2016.fillna(False).sum() == 14
    assert personnes.chomage_net.notna().sum() == 14
    assert personnes.salaire_de_base.notna().sum() == 67
    # Weights: 265,000 recipients over 300 households.
    assert premiers.wprm.sum() == pytest.approx(265_000)
    assert str(personnes.date_naissance.iloc[0].date()) == "1995-07-01"


def test_aller_retour_csv_et_parquet(systeme, tmp_path):
    personnes = tirer_personnes(40, 2027, graine=3, systeme=systeme)
    for nom in ("p.csv", "p.parquet"):
        relue = charger_personnes(ecrire_personnes(personnes, tmp_path / nom), 2027, systeme)
        pandas.testing.assert_frame_equal(relue, personnes, check_dtype=False)


def test_menages_regroupes_dans_l_ordre_d_apparition(systeme):
    table = pandas.DataFrame({
        "idmen": [7, 3, 7], "quimen": [0, 0, 1], "idfam": [7, 3, 7], "quifam": [0, 0, 1],
        "idfoy": [7, 3, 7], "quifoy": [0, 0, 1], "wprm": [10.0, 20.0, 10.0],
        "salaire_de_base": [1000, None, 1500.5]})
    personnes = charger_personnes(table, 2027, systeme)
    assert list(personnes.idmen) == ["7", "7", "3"]
    assert list(personnes.salaire_de_base.fillna(-1)) == [1000.0, 1500.5, -1]


def test_toutes_les_erreurs_a_la_fois(systeme, tmp_path):
    lignes = [
        ENTETE + ",noindiv,salaire_de_base,activite,date_naissance,loyer,ass_precondition_remplie,"
        "inconnue,salaire_de_base@2026-13,ass_trimestres_retraite@2026-01",
        # line 2: fine
        "1,0,1,0,1,0,100,a,1200.5,actif,1980-01-01,500,true,,,",
        # line 3: wrong number, wrong enum, bad date, a rent differing from the reference person's
        "1,1,1,1,1,1,100,b,12O0,salarie,1980-02-30,600,oui,,,",
        # line 4: household 2 without reference person, missing weight, bad boolean
        "2,1,2,0,2,0,,c,,,,,peut-être,,,",
        # line 5: the same person (noindiv a) in household 3; famille 1 also in household 3
        "3,0,1,2,3,0,50,a,,,,,,,,",
        # line 6: two reference persons in household 3, role 5 for a famille
        "3,0,3,5,3,2,50,d,,,,,,,,",
    ]
    chemin = tmp_path / "menages.csv"
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    with pytest.raises(ErreurDonnees) as erreur:
        charger_personnes(chemin, 2027, systeme)
    trouves = {(p.ligne, p.colonne, str(p.trouve)) for p in erreur.value.problemes}
    attendus = {
        (1, "inconnue", "inconnue"),                         # unknown variable
        (1, "salaire_de_base@2026-13", "2026-13"),           # no such month
        (1, "ass_trimestres_retraite@2026-01", "2026-01"),   # a month for a YEAR variable
        (3, "salaire_de_base", "12O0"),                      # letter O in a number
        (3, "activite", "salarie"),                          # not an item of TypesActivite
        (3, "date_naissance", "1980-02-30"),                 # no such day
        (3, "loyer", "600"),                                 # household value on the spouse's row differs
        (4, "ass_precondition_remplie", "peut-être"),          # not a boolean
        (4, "wprm", ""),                                     # missing weight
        (4, "idmen", "2"),                                   # household without reference person
        (5, "noindiv", "a"),                                 # person also in household 1
        (5, "idfam", "1"),                                   # famille 1 spans households 1 and 3
        (6, "quimen", "0"),                                  # second reference person of household 3
        (6, "quifam", "5"),                                  # famille role beyond 2
    }
    assert attendus <= trouves, sorted(attendus - trouves)
    assert len(erreur.value.problemes) == len(attendus)
    texte = str(erreur.value)
    assert texte.startswith("14 problème(s)")
    assert "menages.csv, ligne 3, colonne « activite » : trouvé 'salarie', attendu un de : actif, chomeur, " \
        "etudiant, retraite, inactif (ou son rang 0 à 4)" in texte
    assert "ligne 6, colonne « quimen » : trouvé 0, attendu un seul quimen = 0 (personne de référence) par idmen : " \
        "« 3 » en a plusieurs" in texte
    assert "noindiv" in texte and "aussi dans un autre ménage" in texte
    assert isinstance(erreur.value, ValueError)


def test_colonnes_de_structure_absentes_et_doublons(systeme):
    table = pandas.DataFrame({"idmen": [1, 1], "quimen": [0, 0], "wprm": [1.0, 1.0], "salaire_de_base": ["x", 1]})
    with pytest.raises(ErreurDonnees) as erreur:
        charger_personnes(table, 2027, systeme)
    colonnes = sorted(p.colonne for p in erreur.value.problemes)
    # Four entity columns missing, and the bad number; structure checks wait for the columns.
    assert colonnes == ["idfam", "idfoy", "quifam", "quifoy", "salaire_de_base"]
    probleme = [p for p in erreur.value.problemes if p.colonne == "salaire_de_base"][0]
    assert (probleme.ligne, probleme.trouve, probleme.fichier) == (1, "x", "DataFrame")


def test_fichier_illisible(systeme, tmp_path):
    with pytest.raises(ErreurDonnees, match="un fichier .csv ou .parquet existant"):
        charger_personnes(tmp_path / "absent.csv", 2027, systeme)
    (tmp_path / "t.xlsx").write_text("x")
    with pytest.raises(ErreurDonnees, match=r"trouvé '\.xlsx', attendu un fichier \.csv ou \.parquet"):
        charger_personnes(tmp_path / "t.xlsx", 2027, systeme)
