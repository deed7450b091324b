"""Microsimulation engine (openfisca_ass.analyse.moteur): persons per second and peak memory.

    python benchmarks/microsimulation.py                          # 10,000 and 100,000 persons, local and Dask
    python benchmarks/microsimulation.py --personnes 1000000      # one size
    python benchmarks/microsimulation.py --profil 10000           # share of time in openfisca-france's formulas

Each measure runs in a fresh interpreter: the SYNTHETIC population of about N persons (tirer_personnes), the
baseline and one reform (``suppression_ass_immediate``) over the year 2027, chunks of ``--taille-lot``
households; either in that process (``local``) or on a dask.distributed LocalCluster of ``--workers`` worker
processes, one thread each (``dask``). Times exclude building the systems in the measuring process (a Dask
worker builds its own, once, inside the measured time: that is what a run costs). Peak RSS is per process:
the driver's, and the largest worker's. 10,000,000 persons are extrapolated from the time per person of the
largest measure, since memory is bounded by the chunk. Figures, not a test.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

ICI = os.path.dirname(os.path.abspath(__file__))
ANNEE = 2027
REFORME = "suppression_ass_immediate"
PERSONNES_PAR_MENAGE = 1.7  # synthetic draw: about 1.7 persons per household


def pic_rss_mio():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _population(personnes):
    from openfisca_ass.analyse.synthetique import tirer_personnes

    return tirer_personnes(max(1, round(personnes / PERSONNES_PAR_MENAGE)), ANNEE, graine=2024)


def mesurer(personnes, moteur, taille_lot, workers):
    """One measure in this process; returns a dict."""
    from openfisca_ass.analyse.moteur import simuler_menages
    from openfisca_ass.scenarios import scenarios

    liste = scenarios([REFORME])
    table = _population(personnes)
    debut, cpu = time.perf_counter(), time.process_time()
    pic_workers = cpu_workers = None
    if moteur == "local":
        menages = simuler_menages(table, liste, ANNEE, taille_lot=taille_lot)
    else:
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
            menages = simuler_menages(table, liste, ANNEE, taille_lot=taille_lot, moteur="dask",
                                      scheduler=cluster.scheduler_address)
            with Client(cluster) as client:
                pic_workers = max(client.run(pic_rss_mio).values())
                cpu_workers = sum(client.run(time.process_time).values())
    duree = time.perf_counter() - debut
    reference = menages[menages.scenario == "reference"]
    return {
        "personnes": len(table), "menages": int(table.idmen.nunique()), "moteur": moteur,
        "workers": workers if moteur == "dask" else 1, "taille_lot": taille_lot, "scenarios": len(liste),
        "duree_s": duree, "cpu_processus_s": time.process_time() - cpu, "cpu_workers_s": cpu_workers,
        "ms_par_personne_scenario": 1000 * duree / (len(table) * len(liste)),
        "pic_rss_mio": pic_rss_mio(), "pic_rss_worker_mio": pic_workers,
        "ass_ponderee": float((reference.ass * reference.poids).sum()),
    }


def profiler(personnes, taille_lot):
    """Share of the time of a chunk (after a warm-up chunk) in openfisca-france's formulas, this package's,
    and openfisca-core outside formulas; top variables. OpenFisca's tracer: formula time excludes children."""
    import pandas

    from openfisca_ass.analyse import moteur
    from openfisca_ass.scenarios import scenarios

    liste = scenarios([REFORME])
    table = _population(personnes)
    systemes = [(s.nom, s.systeme) for s in liste]
    moteur.simuler_lot(table.iloc[:200], systemes, ANNEE)  # parameters at each instant, built once per process
    structure = moteur.Structure(table)
    simulation = moteur.construire_simulation(liste[0].systeme, table, ANNEE, structure)
    simulation.trace = True
    debut = time.perf_counter()
    for variable in ("ass", "rsa", "ppa", "aide_logement", "aefa", "impot_revenu_restant_a_payer",
                     "revenu_disponible", "niveau_de_vie", "ass_trimestres_retraite"):
        moteur._par_menage(simulation, structure, variable, ANNEE)
    total = time.perf_counter() - debut
    lignes = []
    for (variable, _periode), temps in _temps_des_formules(simulation.tracer).items():
        module = type(liste[0].systeme.variables[variable]).__module__
        lignes.append((variable, "openfisca_france" if module.startswith("openfisca_france") else "openfisca_ass",
                       temps))
    formules = pandas.DataFrame(lignes, columns=["variable", "paquet", "s"])
    par_paquet = formules.groupby("paquet").s.sum()
    top = formules.groupby(["variable", "paquet"]).s.sum().sort_values(ascending=False).head(12)
    return {
        "personnes": len(table), "total_s": total,
        "part_france": float(par_paquet.get("openfisca_france", 0) / total),
        "part_ass": float(par_paquet.get("openfisca_ass", 0) / total),
        "part_coeur_hors_formules": float(1 - par_paquet.sum() / total),
        "top": [[v, p, round(float(s), 3)] for (v, p), s in top.items()],
    }


def _temps_des_formules(tracer):
    """{(variable, period): formula time in s, children excluded} from openfisca-core's full tracer."""
    temps = {}

    def parcourir(noeud):
        enfants = sum(e.end - e.start for e in noeud.children)
        cle = (noeud.name, str(noeud.period))
        temps[cle] = temps.get(cle, 0.0) + max(0.0, (noeud.end - noeud.start) - enfants)
        for enfant in noeud.children:
            parcourir(enfant)

    for racine in tracer.trees:
        parcourir(racine)
    return temps


def lancer(arguments):
    commande = ["nice", "-n", "10", sys.executable, os.path.abspath(__file__)] + [str(a) for a in arguments]
    sortie = subprocess.run(commande, capture_output=True, text=True)
    if sortie.returncode != 0:
        return {"erreur": (sortie.stderr.strip().splitlines() or ["échec"])[-1][:160]}
    return json.loads(sortie.stdout.strip().splitlines()[-1])


def rapport(mesures, profil):
    lignes = [f"Microsimulation (moteur par lots), baseline + {REFORME}, année {ANNEE}, population SYNTHÉTIQUE ; "
              f"{os.cpu_count()} cœurs (nproc), charge moyenne au départ {os.getloadavg()[0]:.1f}", "",
              "| personnes | moteur | lot (ménages) | durée (s) | ms / personne·scénario | personnes·scénarios / s "
              "| pic RSS pilote (Mio) | pic RSS worker (Mio) |", "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for m in mesures:
        if "erreur" in m:
            lignes.append(f"| {m.get('demande', '')} | {m.get('moteur', '')} | | {m['erreur']} | | | | |")
            continue
        debit = m["personnes"] * m["scenarios"] / m["duree_s"]
        worker = f"{m['pic_rss_worker_mio']:.0f}" if m["pic_rss_worker_mio"] else ""
        nom = m["moteur"] + (f" ({m['workers']} workers)" if m["moteur"] == "dask" else "")
        lignes.append(f"| {m['personnes']:,} | {nom} | {m['taille_lot']:,} | {m['duree_s']:.1f} | "
                      f"{m['ms_par_personne_scenario']:.3f} | {debit:,.0f} | {m['pic_rss_mio']:.0f} | {worker} |")
    bonnes = [m for m in mesures if "erreur" not in m]
    if bonnes:
        plus_grande = max(bonnes, key=lambda m: (m["personnes"], m["moteur"] == "dask"))
        par_personne = plus_grande["duree_s"] / plus_grande["personnes"]
        for n in (1_000_000, 10_000_000):
            lignes.append(f"| {n:,} (extrapolé) | {plus_grande['moteur']} | {plus_grande['taille_lot']:,} | "
                          f"{par_personne * n:,.0f} | | | borné par le lot | |")
    if profil and "erreur" not in profil:
        lignes += ["", f"Profil d'un lot de {profil['personnes']:,} personnes (référence, traceur d'OpenFisca, "
                   f"{profil['total_s']:.1f} s) : formules d'openfisca-france {100 * profil['part_france']:.0f} %, "
                   f"d'openfisca-ass {100 * profil['part_ass']:.0f} %, openfisca-core hors formules "
                   f"{100 * profil['part_coeur_hors_formules']:.0f} %. Variables les plus coûteuses : "
                   + ", ".join(f"{v} ({p.replace('openfisca_', '')}, {s} s)" for v, p, s in profil["top"][:8])]
    return "\n".join(lignes)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personnes", type=lambda s: [int(x) for x in s.split(",")], default=[10_000, 100_000])
    parser.add_argument("--moteurs", type=lambda s: s.split(","), default=["local", "dask"])
    parser.add_argument("--taille-lot", type=int, default=None, help="ménages par lot (défaut : celui du moteur)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profil", type=int, default=10_000, help="personnes du lot profilé (0 : pas de profil)")
    parser.add_argument("--json", help="écrire aussi les mesures brutes dans ce fichier")
    parser.add_argument("--mesure", nargs=2, metavar=("PERSONNES", "MOTEUR"), help=argparse.SUPPRESS)
    parser.add_argument("--profiler", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    from openfisca_ass.analyse.moteur import TAILLE_LOT

    taille_lot = options.taille_lot or TAILLE_LOT
    if options.mesure:
        print(json.dumps(mesurer(int(options.mesure[0]), options.mesure[1], taille_lot, options.workers)))
        return None
    if options.profiler:
        print(json.dumps(profiler(options.profiler, taille_lot)))
        return None
    mesures = []
    for personnes in options.personnes:
        for moteur in options.moteurs:
            mesure = lancer(["--mesure", personnes, moteur, "--taille-lot", taille_lot, "--workers", options.workers])
            mesure.setdefault("demande", personnes)
            mesure.setdefault("moteur", moteur)
            print(json.dumps(mesure), file=sys.stderr, flush=True)
            mesures.append(mesure)
    profil = lancer(["--profiler", options.profil, "--taille-lot", taille_lot]) if options.profil else None
    texte = rapport(mesures, profil)
    print(texte)
    if options.json:
        with open(options.json, "w") as f:
            json.dump({"mesures": mesures, "profil": profil}, f, indent=1)
    return {"mesures": mesures, "profil": profil, "texte": texte}


if __name__ == "__main__":
    main()
