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
    ax.set_xlim(gauche * 1.25 if gauche < 0 else gauche, droite * 1.25 if droite > 0 else droite + 0.15 * (droite - gauche))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    fig.savefig(chemin)
    plt.close(fig)
    return chemin
