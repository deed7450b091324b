"""PNG charts (matplotlib, Agg backend: no display needed)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from openfisca_ass.scenarios import REFERENCE  # noqa: E402

LIBELLES = {"ass": "ASS", "rsa": "RSA", "ppa": "Prime d'activité", "aide_logement": "Aides au logement",
            "total": "ASS + RSA + prime d'activité + aides au logement"}


def graphique_balayage(table, chemin, titre=None):
    """Lines baseline vs reforms over the resource sweep (``balayage.balayer``)."""
    fig, ax = plt.subplots(figsize=(9, 5.5), dpi=110)
    couleurs = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (scenario, bloc) in enumerate(table.groupby("scenario", sort=False)):
        couleur = couleurs[i % len(couleurs)]
        total = bloc[bloc.variable == "total"].sort_values("ressources")
        ax.plot(total.ressources, total.valeur, color=couleur, linewidth=2.4,
                label=f"{scenario} : {LIBELLES['total']}")
        for variable, style in (("ass", "--"), ("rsa", ":")):
            ligne = bloc[bloc.variable == variable].sort_values("ressources")
            if ligne.valeur.abs().sum() > 0:
                ax.plot(ligne.ressources, ligne.valeur, color=couleur, linestyle=style, linewidth=1.4,
                        label=f"{scenario} : {LIBELLES[variable]}")
    ax.set_xlabel("Ressources mensuelles retenues pour l'ASS (€)")
    ax.set_ylabel("Montant mensuel moyen sur l'année (€)")
    ax.set_title(titre or "Prestations selon les ressources : législation actuelle et réforme")
    ax.set_ylim(bottom=0)
    ax.set_xlim(left=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(chemin)
    plt.close(fig)
    return chemin


def graphique_gains_pertes(transferts, chemin, titre=None):
    """Horizontal bars: yearly change in benefits by cas type, one bar per reform
    (``comparaison.transferts_annuels``)."""
    reformes = [s for s in dict.fromkeys(transferts.scenario) if s != REFERENCE]
    situations = list(dict.fromkeys(transferts.situation))
    hauteur = 0.8 / max(len(reformes), 1)
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.32 * len(situations) * max(len(reformes), 1)), dpi=110)
    for i, reforme in enumerate(reformes):
        bloc = transferts[transferts.scenario == reforme].set_index("situation").reindex(situations)
        positions = [j + (i - (len(reformes) - 1) / 2) * hauteur for j in range(len(situations))]
        barres = ax.barh(positions, bloc.ecart, height=hauteur, label=reforme)
        ax.bar_label(barres, labels=[f"{v:+,.0f} €".replace(",", " ") for v in bloc.ecart], fontsize=8, padding=3)
    ax.set_yticks(range(len(situations)))
    ax.set_yticklabels([s.replace("_", " ") for s in situations])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("Écart annuel avec la législation actuelle (€) :\n"
                  "ASS + RSA + prime d'activité + aides au logement + prime de Noël")
    ax.set_title(titre or "Gains et pertes par cas type")
    gauche, droite = ax.get_xlim()
    ax.set_xlim(gauche * 1.25 if gauche < 0 else gauche,
                droite * 1.25 if droite > 0 else droite + 0.15 * (droite - gauche))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    fig.savefig(chemin)
    plt.close(fig)
    return chemin


def _annee_et_reformes(table, annee):
    annee = annee if annee is not None else min(table.annee)
    bloc = table[(table.annee == annee) & (table.scenario != REFERENCE)]
    return annee, bloc, list(dict.fromkeys(bloc.scenario))


def graphique_deciles(ventilations, chemin, annee=None, titre=None):
    """Bars: weighted mean change of disposable income by decile of baseline standard of living, one bar per
    reform (``agregats.ventilations``; first year by default)."""
    annee, bloc, reformes = _annee_et_reformes(ventilations[ventilations.ventilation == "decile_niveau_de_vie"],
                                               annee)
    deciles = sorted(set(bloc.categorie))
    largeur = 0.8 / max(len(reformes), 1)
    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    for i, reforme in enumerate(reformes):
        valeurs = bloc[bloc.scenario == reforme].set_index("categorie").reindex(deciles)
        positions = [d + (i - (len(reformes) - 1) / 2) * largeur for d in deciles]
        ax.bar(positions, valeurs.ecart_revenu_disponible_moyen, width=largeur, label=reforme)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(deciles)
    ax.set_xlabel("Décile de niveau de vie avant réforme (calculé sur la population simulée, pondérée)")
    ax.set_ylabel("Écart moyen de revenu disponible (€ par an et par ménage)")
    ax.set_title(titre or f"Écart moyen de revenu disponible par décile, {annee}")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(chemin)
    plt.close(fig)
    return chemin


def graphique_distribution(ecarts, chemin, annee=None, titre=None, classes=40):
    """Weighted histogram of the households' change of disposable income, one outline per reform
    (``agregats.ecarts``; first year by default)."""
    annee, bloc, reformes = _annee_et_reformes(ecarts, annee)
    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    valeurs = bloc.ecart_revenu_disponible
    bornes = (float(valeurs.min()), float(valeurs.max())) if len(valeurs) else (0.0, 1.0)
    if bornes[0] == bornes[1]:
        bornes = (bornes[0] - 1, bornes[1] + 1)
    for reforme in reformes:
        sous = bloc[bloc.scenario == reforme]
        ax.hist(sous.ecart_revenu_disponible, bins=classes, range=bornes, weights=sous.poids, histtype="step",
                linewidth=1.8, label=reforme)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("Écart de revenu disponible du ménage (€ par an)")
    ax.set_ylabel("Ménages (pondérés)")
    ax.set_title(titre or f"Distribution des écarts de revenu disponible, {annee}")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(chemin)
    plt.close(fig)
    return chemin


def graphique_payeurs(payeurs, chemin, titre=None):
    """Bars: change of net cost for each payer, by reform and year; a dot marks the net public-finance
    effect (``agregats.payeurs``)."""
    from openfisca_ass.analyse.agregats import LIBELLES_PAYEURS, PAYEURS, SOLDE

    bloc = payeurs[payeurs.scenario != REFERENCE]
    groupes = list(dict.fromkeys(zip(bloc.scenario, bloc.annee)))
    liste = list(PAYEURS)
    largeur = 0.8 / len(liste)
    fig, ax = plt.subplots(figsize=(9, 5.5), dpi=110)
    for i, payeur in enumerate(liste):
        valeurs = [float(bloc[(bloc.scenario == s) & (bloc.annee == a) & (bloc.payeur == payeur)].ecart_cout.iloc[0])
                   / 1e6 for s, a in groupes]
        positions = [j + (i - (len(liste) - 1) / 2) * largeur for j in range(len(groupes))]
        ax.bar(positions, valeurs, width=largeur, label=LIBELLES_PAYEURS[payeur])
    soldes = [float(bloc[(bloc.scenario == s) & (bloc.annee == a) & (bloc.payeur == SOLDE)].ecart_cout.iloc[0]) / 1e6
              for s, a in groupes]
    ax.plot(range(len(groupes)), soldes, "kD", label=LIBELLES_PAYEURS[SOLDE])
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(range(len(groupes)))
    ax.set_xticklabels([f"{s}\n{a}" for s, a in groupes], fontsize=8)
    ax.set_ylabel("Écart de coût net avec la législation actuelle (M€ par an)")
    ax.set_title(titre or "Coût de la réforme par payeur")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(chemin)
    plt.close(fig)
    return chemin
