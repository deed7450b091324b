"""openfisca-ass performance, side by side with openfisca-france: one table, measured in one run.

    python benchmarks/run.py             # N = 10,000, 100,000, 1,000,000; API; system build
    python benchmarks/run.py --rapide    # stops at N = 100,000, fewer requests (CI, a quick look)

(a) batch: ``ass`` for May 2025 over N persons with complete inputs (13 months of resources and
    activity, singles and couples mixed; see population.py), this package versus openfisca-france on
    the same inputs, and the floor: the same arithmetic as this package in plain numpy. Each measure runs
    in a fresh subprocess (lot.py), so that its peak RSS is its own.
(b) API: median and p95 latency of the README example /calculate, both packages served the same way.
(c) building the tax-benefit system, this package versus openfisca-france alone.
(d) the analysis's synthetic population (issue 5), simulated by chunks of households: time per person
    and peak RSS measured on a few hundred households, extrapolated to 1M and 10M persons.

Figures, not a test: nothing here passes or fails on a time.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import numpy

ICI = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ICI)

GIO = 2 ** 30
TAILLES = (10_000, 100_000, 1_000_000)
MODELES_LOT = ("ass", "france", "numpy")
# Beyond this resident size a measure is stopped and reported as not fitting (the machine: 24 GiB).
LIMITE_MEMOIRE_GIO = 22


def lancer(script, arguments, limite_gio=LIMITE_MEMOIRE_GIO, delai=3600):
    """Run ``script`` in a fresh interpreter; its JSON line, or {"erreur": ...} if it failed or grew too big."""
    import psutil
    commande = [sys.executable, os.path.join(ICI, script)] + [str(a) for a in arguments]
    processus = subprocess.Popen(commande, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    suivi = psutil.Process(processus.pid)
    fin = time.monotonic() + delai
    depasse = False
    while processus.poll() is None:
        try:
            if suivi.memory_info().rss > limite_gio * GIO:
                depasse = True
                processus.kill()
                break
        except psutil.NoSuchProcess:
            break
        if time.monotonic() > fin:
            processus.kill()
            break
        time.sleep(0.05)
    sortie, erreurs = processus.communicate()
    if depasse:
        return {"erreur": f"dépasse {limite_gio} Gio"}
    if processus.returncode != 0:
        return {"erreur": (erreurs.strip().splitlines() or ["échec"])[-1][:120]}
    return json.loads(sortie.strip().splitlines()[-1])


def mesurer_lots(tailles, repetitions, journal):
    """Batch measures: for each N and model, ``repetitions`` fresh subprocesses; median times, max peak."""
    resultats = []
    with tempfile.TemporaryDirectory() as dossier:
        for n in tailles:
            montants = {}
            for modele in MODELES_LOT:
                essais = []
                for r in range(repetitions):
                    fichier = os.path.join(dossier, f"{modele}_{n}.npy")
                    arguments = ["--modele", modele, "--n", n]
                    if r == 0:
                        arguments += ["--montants", fichier]
                    essai = lancer("lot.py", arguments)
                    essais.append(essai)
                    journal(f"lot {modele:6s} N={n:>9,} essai {r + 1}: {resume(essai)}")
                    if "erreur" in essai:
                        break
                    if r == 0:
                        montants[modele] = numpy.load(fichier)
                        os.remove(fichier)
                resultats.append(agreger(modele, n, essais))
            # The floor must compute what openfisca-ass computes; France's simplified ASS differs by design.
            if "ass" in montants and "numpy" in montants:
                ecart = float(numpy.abs(montants["ass"] - montants["numpy"]).max()) if n else 0.0
                for r in resultats:
                    if r["n"] == n and r["modele"] == "numpy":
                        r["ecart_max_vs_ass"] = ecart
    return resultats


def resume(essai):
    if "erreur" in essai:
        return essai["erreur"]
    return f"calcul {essai['calcul_s']:.3f} s, entrées {essai['entrees_s']:.3f} s, pic {essai['pic_rss_mio']:.0f} Mio"


def agreger(modele, n, essais):
    bons = [e for e in essais if "erreur" not in e]
    if not bons:
        return {"modele": modele, "n": n, "erreur": essais[-1]["erreur"]}
    return {
        "modele": modele,
        "n": n,
        "essais": len(bons),
        "calcul_s": statistics.median(e["calcul_s"] for e in bons),
        "entrees_s": statistics.median(e["entrees_s"] for e in bons),
        "total_s": statistics.median(e["total_s"] for e in bons),
        "pic_rss_mio": max(e["pic_rss_mio"] for e in bons),
        "supplement_mio": max(e["pic_rss_mio"] - e["rss_avant_donnees_mio"] for e in bons),
        "somme_ass": bons[0]["somme_ass"],
        "beneficiaires": bons[0]["beneficiaires"],
        }


def mesurer_construction(repetitions, journal):
    essais = {"ass": [], "france": []}
    for r in range(repetitions):
        # Alternate, France first: neither gets a warmer file cache than the other.
        for modele in ("france", "ass"):
            essai = lancer("construction.py", ["--modele", modele])
            journal(f"construction {modele:6s} essai {r + 1}: {essai}")
            if "erreur" not in essai:
                essais[modele].append(essai)
    return {
        modele: {
            "total_s": statistics.median(e["total_s"] for e in liste),
            "construction_s": statistics.median(e["construction_s"] for e in liste),
            "pic_rss_mio": max(e["pic_rss_mio"] for e in liste),
            "essais": len(liste),
            }
        for modele, liste in essais.items() if liste
        }


def mesurer_api(requetes, journal):
    import api
    resultats = {}
    for modele in ("france", "ass"):
        try:
            resultats[modele] = api.mesurer(modele, requetes=requetes)
        except Exception as erreur:  # a server that does not start is a figure too
            resultats[modele] = {"erreur": str(erreur)[:120]}
        journal(f"api {modele:6s}: {resultats[modele]}")
    return resultats


def mesurer_population(menages, taille_lot, journal):
    """Item 3: the analysis's synthetic-population run by chunks, measured, then extrapolated."""
    essai = lancer("population_lots.py", ["--menages", menages, "--taille-lot", taille_lot])
    journal(f"population {menages} ménages, lots de {taille_lot}: {essai}")
    return essai


def rapport(lots, api_, construction, options, population=None):
    """The table, as text (Markdown-compatible)."""
    lignes = []
    ajout = lignes.append
    ajout(f"openfisca-ass benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} cœurs (nproc), Python {platform.python_version()}, "
          f"commande : {options.commande}")
    ajout("")
    ajout("(a) Lot : `ass` pour 2025-05, entrées complètes (13 mois), médiane de "
          f"{options.repetitions} processus neufs ; pic = RSS max du processus, données = pic − RSS avant les données")
    ajout("")
    ajout("| N | modèle | calcul (s) | entrées (s) | total (s) | pic RSS (Mio) | données+calcul (Mio) | "
          "bénéficiaires | Σ ass (€) | calcul ÷ France | calcul ÷ numpy |")
    ajout("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    par_cle = {(r["n"], r["modele"]): r for r in lots}
    for r in lots:
        if "erreur" in r:
            ajout(f"| {r['n']:,} | {r['modele']} | {r['erreur']} | | | | | | | | |")
            continue
        france = par_cle.get((r["n"], "france"), {})
        plancher = par_cle.get((r["n"], "numpy"), {})

        def rapport_a(autre):
            if r["modele"] == "numpy" or "calcul_s" not in autre or not autre["calcul_s"]:
                return ""
            return f"{r['calcul_s'] / autre['calcul_s']:.2f}×"

        nom = r["modele"]
        if nom == "numpy" and "ecart_max_vs_ass" in r:
            nom += f" (écart max vs ass {r['ecart_max_vs_ass']:.2g} €)"
        ajout(f"| {r['n']:,} | {nom} | {r['calcul_s']:.3f} | {r['entrees_s']:.3f} | {r['total_s']:.3f} | "
              f"{r['pic_rss_mio']:.0f} | {r['supplement_mio']:.0f} | {r['beneficiaires']:,} | "
              f"{r['somme_ass']:,.0f} | {rapport_a(france) if r['modele'] == 'ass' else ''} | {rapport_a(plancher)} |")
    ajout("")
    if api_:
        ajout(f"(b) API : POST /calculate, exemple du README, {options.requetes} requêtes successives après 3 "
              "d'échauffement, `openfisca serve --workers 1` sur 127.0.0.1")
        ajout("")
        ajout("| paquet | médiane (s) | p95 (s) | ass 2025-05 (€) | médiane ÷ France |")
        ajout("|---|---:|---:|---:|---:|")
        fr = api_.get("france", {})
        for modele in ("ass", "france"):
            r = api_.get(modele, {})
            if "erreur" in r:
                ajout(f"| {modele} | {r['erreur']} | | | |")
                continue
            ratio = f"{r['mediane_s'] / fr['mediane_s']:.2f}" if modele == "ass" and "mediane_s" in fr else ""
            ajout(f"| {modele} | {r['mediane_s']:.3f} | {r['p95_s']:.3f} | {r['ass']} | {ratio} |")
        ajout("")
    if construction:
        ajout(f"(c) Construction du système socio-fiscal (import + constructeur), médiane de "
              f"{options.repetitions_construction} processus neufs")
        ajout("")
        ajout("| système | total (s) | dont constructeur (s) | pic RSS (Mio) | ÷ France |")
        ajout("|---|---:|---:|---:|---:|")
        for modele in ("ass", "france"):
            r = construction.get(modele)
            if r is None:
                continue
            ratio = f"{r['total_s'] / construction['france']['total_s']:.2f}" if "france" in construction else ""
            ajout(f"| {modele} | {r['total_s']:.2f} | {r['construction_s']:.2f} | {r['pic_rss_mio']:.0f} | "
                  f"{ratio if modele == 'ass' else ''} |")
        ajout("")
    if population:
        ajout("(d) Population synthétique de l'analyse (openfisca_ass.analyse.population, scénario de référence "
              "seul, ménages simulés par lots via SimulationBuilder.build_from_entities)")
        ajout("")
        if "erreur" in population:
            ajout(f"échec : {population['erreur']}")
        else:
            p = population
            ajout("| mesuré | personnes | lot (ménages) | temps (s) | s / personne | pic RSS (Mio) |")
            ajout("|---|---:|---:|---:|---:|---:|")
            ajout(f"| {p['menages']:,} ménages | {p['personnes']:,} | {p['taille_lot']:,} | {p['simulation_s']:.1f} | "
                  f"{p['s_par_personne'] * 1000:.1f} ms | {p['pic_rss_mio']:.0f} |")
            for n in (1_000_000, 10_000_000):
                heures = p["s_par_personne"] * n / 3600
                ajout(f"| extrapolé | {n:,} | {p['taille_lot']:,} | {heures:,.1f} h sur 1 cœur, "
                      f"{heures / (os.cpu_count() or 1):,.1f} h sur {os.cpu_count()} | | ≈ {p['pic_rss_mio']:.0f} par processus "
                      "(borné par le lot) |")
        ajout("")
    return "\n".join(lignes)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rapide", action="store_true", help="N ≤ 100,000, 10 requêtes API, 1 essai")
    parser.add_argument("--tailles", type=lambda s: [int(x) for x in s.split(",")],
                        help="N séparés par des virgules (remplace la liste par défaut)")
    parser.add_argument("--repetitions", type=int, help="processus par mesure de lot (défaut 3, 1 si --rapide)")
    parser.add_argument("--requetes", type=int, help="requêtes API mesurées (défaut 30, 10 si --rapide)")
    parser.add_argument("--sans-api", action="store_true")
    parser.add_argument("--sans-construction", action="store_true")
    parser.add_argument("--population", type=int, help="ménages de la population synthétique (défaut 400, 0 si --rapide)")
    parser.add_argument("--json", help="écrire aussi les mesures brutes dans ce fichier")
    parser.add_argument("--silencieux", action="store_true", help="pas de journal des essais sur stderr")
    options = parser.parse_args(argv)
    options.commande = " ".join(["python benchmarks/run.py"] + (argv if argv is not None else sys.argv[1:]))
    tailles = options.tailles or [n for n in TAILLES if not options.rapide or n <= 100_000]
    options.repetitions = options.repetitions or (1 if options.rapide else 3)
    options.requetes = options.requetes or (10 if options.rapide else 30)
    options.repetitions_construction = 1 if options.rapide else 5

    def journal(message):
        if not options.silencieux:
            print(message, file=sys.stderr, flush=True)

    lots = mesurer_lots(tailles, options.repetitions, journal)
    api_ = {} if options.sans_api else mesurer_api(options.requetes, journal)
    construction = {} if options.sans_construction else mesurer_construction(options.repetitions_construction, journal)
    menages = options.population if options.population is not None else (0 if options.rapide else 400)
    population = mesurer_population(menages, min(menages, 200), journal) if menages else None
    texte = rapport(lots, api_, construction, options, population)
    print(texte)
    mesures = {"lots": lots, "api": api_, "construction": construction, "population": population}
    if options.json:
        with open(options.json, "w") as f:
            json.dump(mesures, f, indent=1)
    if menages:  # (e) the microsimulation engine (issue 10), its own table: benchmarks/microsimulation.py
        __import__("microsimulation").main(["--personnes", "10000" if options.rapide else "10000,100000,1000000"])
    return dict(mesures, texte=texte)


if __name__ == "__main__":
    main()
