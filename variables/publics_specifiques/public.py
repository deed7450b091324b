"""Artistes, marins-pêcheurs et ouvriers dockers occasionnels (L5423-3, D5424-62 du code du travail)."""
from openfisca_france.model.base import MONTH, Enum, Individu, Variable, set_input_dispatch_by_period

from openfisca_ass import references


class TypesPublicSpecifiqueASS(Enum):
    __order__ = "aucun artiste_auteur artiste_spectacle marin_pecheur ouvrier_docker_occasionnel"
    aucun = "Aucun : condition d'activité salariée de droit commun (R5423-1 1°)"
    artiste_auteur = "Artiste-auteur d'œuvres (D5424-62 1°)"
    artiste_spectacle = "Artiste du spectacle non présumé salarié (D5424-62 2°)"
    marin_pecheur = "Marin-pêcheur ne pouvant prétendre à l'allocation d'assurance (code des transports)"
    ouvrier_docker_occasionnel = "Ouvrier docker occasionnel (code des transports)"


class ass_public_specifique(Variable):
    value_type = Enum
    possible_values = TypesPublicSpecifiqueASS
    default_value = TypesPublicSpecifiqueASS.aucun
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Public spécifique au titre duquel l'ASS est demandée (artistes, marins-pêcheurs, dockers)"
    reference = references.L5423_3 + references.D5424_62
    documentation = """
    Variable d'entrée. « aucun » (défaut) : la condition d'activité antérieure est celle de droit commun,
    cinq ans d'activité salariée dans les dix ans (R5423-1 1°). Pour les autres publics, une condition
    propre la remplace ; la recherche d'emploi et le plafond de ressources restent exigés, et l'ASS est
    attribuée pour neuf mois au lieu de six.
    """


class ass_affilie_regime_artistes_auteurs(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Est affilié au régime de sécurité sociale des artistes-auteurs"
    reference = references.D5424_62 + ["Code de la sécurité sociale, livre VI, titre V (artistes-auteurs)"]
    documentation = (
        "Variable d'entrée. Pour un artiste-auteur, l'affiliation vaut condition d'activité (D5424-62, dernier "
        "alinéa)."
        )


class ass_annees_activite_artistique(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "year"
    label = "Années d'exercice professionnel de l'activité artistique avec des moyens d'existence réguliers"
    reference = references.D5424_62
    documentation = (
        "Variable d'entrée : durée, en années, de l'activité artistique qui a procuré des moyens d'existence "
        "réguliers."
        )


class ass_condition_profession_maritime_portuaire(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = (
        "Remplit les conditions d'âge et d'activité antérieure propres aux marins-pêcheurs ou aux dockers "
        "occasionnels"
        )
    reference = references.L5546_2_TRANSPORTS + references.CODE_TRANSPORTS_DOCKERS
    documentation = """
    Variable d'entrée. Les conditions (âge, ancienneté dans la profession, services sur des navires d'une
    jauge ou d'une longueur donnée ; activité antérieure des dockers) sont fixées par décret en Conseil
    d'État ; leurs valeurs n'ont pas été relues [U] : le modèle les reçoit toutes faites.
    """


class ass_condition_public_specifique(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Remplit la condition d'activité propre à son public spécifique, qui remplace celle de R5423-1 1°"
    reference = references.L5423_3 + references.D5424_62 + references.L5546_2_TRANSPORTS
    documentation = """
    Artiste-auteur : exercice professionnel avec des moyens d'existence réguliers depuis au moins trois ans,
    réputé acquis par l'affiliation au régime des artistes-auteurs ; ni activité salariée ni allocation
    d'assurance antérieures ne sont exigées. Artiste du spectacle non salarié : trois ans d'exercice avec des
    moyens d'existence réguliers. Marin-pêcheur, docker occasionnel : condition donnée en entrée.
    """

    def formula_2008_05_01(individu, period, parameters):
        """Depuis la recodification du 1er mai 2008 (règle antérieure non modélisée : faux avant). L5423-3 et D5424-62
        1° (artistes-auteurs, dernier alinéa : affiliation), 2° (artistes du spectacle) ; code des transports.
        """
        publics = parameters(period).chomage.allocations_assurance_chomage.ass.publics_specifiques
        public = individu("ass_public_specifique", period)
        trois_ans = individu("ass_annees_activite_artistique", period) >= publics.annees_activite_artistique
        artiste_auteur = (public == TypesPublicSpecifiqueASS.artiste_auteur) * (
            trois_ans + individu("ass_affilie_regime_artistes_auteurs", period))
        artiste_spectacle = (public == TypesPublicSpecifiqueASS.artiste_spectacle) * trois_ans
        maritime_portuaire = (
            (public == TypesPublicSpecifiqueASS.marin_pecheur)
            + (public == TypesPublicSpecifiqueASS.ouvrier_docker_occasionnel)
            ) * individu("ass_condition_profession_maritime_portuaire", period)
        return (artiste_auteur + artiste_spectacle + maritime_portuaire) > 0
