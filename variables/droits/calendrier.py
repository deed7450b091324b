"""Vectorised calendar helpers (numpy datetime64), shared by the award-period and age variables."""
import numpy

# Sentinel of an unknown date: openfisca's default date, 1 January 1970.
DATE_INCONNUE = numpy.datetime64("1970-01-01", "D")


def index_mois(dates):
    """Month index (months since January 1970) of each date."""
    return numpy.asarray(dates, dtype="datetime64[D]").astype("datetime64[M]").astype(int)


def ajouter_mois(dates, nombre_mois):
    """``dates`` plus ``nombre_mois`` calendar months, day of the month kept (« de date à date »).

    When the target month has no such day, the first day of the following month: 31 August + 6 months
    = 1 March, so that a 6-month period opened on 31 August ends on the last day of February (the
    civil-law reading of a period counted in months), and someone born on 29 February has their
    birthday on 1 March in a common year.
    """
    dates = numpy.asarray(dates, dtype="datetime64[D]")
    mois = dates.astype("datetime64[M]")
    jour = (dates - mois.astype("datetime64[D]")).astype(int)
    cible = mois + numpy.asarray(nombre_mois, dtype=int).astype("timedelta64[M]")
    debut_cible = cible.astype("datetime64[D]")
    longueur = ((cible + 1).astype("datetime64[D]") - debut_cible).astype(int)
    return numpy.where(
        jour < longueur,
        debut_cible + jour.astype("timedelta64[D]"),
        (cible + 1).astype("datetime64[D]"),
        )


def bornes_mois(period):
    """First and last day of a month period, as numpy datetime64[D]."""
    debut = numpy.datetime64(str(period.start), "D")
    return debut, debut + period.size_in_days - 1
