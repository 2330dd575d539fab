"""Month and weekday names in the languages we read (FR, EN, DE, ES, IT),
shared by date parsing in extraction (publication dates) and analysis
(temporal expressions), so both read the same words the same way."""

from __future__ import annotations

__all__ = ["MONTHS", "WEEKDAYS"]

_MONTH_NAMES = (
    "janvier janv january jan januar jänner enero gennaio gen",
    "février fevrier févr fevr february feb februar febrero febbraio",
    "mars march mar märz marzo",
    "avril avr april apr abril aprile",
    "mai may mayo maggio",
    "juin june jun juni junio giugno",
    "juillet juil july jul juli julio luglio",
    "août aout august aug agosto",
    "septembre sept september sep septiembre setiembre settembre",
    "octobre oct october oktober octubre ottobre ott",
    "novembre nov november noviembre",
    "décembre decembre déc dec december dezember diciembre dicembre dic",
)
_WEEKDAY_NAMES = (
    "lundi monday montag lunes lunedì lunedi",
    "mardi tuesday dienstag martes martedì martedi",
    "mercredi wednesday mittwoch miércoles miercoles mercoledì mercoledi",
    "jeudi thursday donnerstag jueves giovedì giovedi",
    "vendredi friday freitag viernes venerdì venerdi",
    "samedi saturday samstag sonnabend sábado sabado sabato",
    "dimanche sunday sonntag domingo domenica",
)

#: Lower-case month name or abbreviation -> month number (1-12).
MONTHS: dict[str, int] = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
#: Lower-case weekday name -> ISO weekday index (0 = Monday).
WEEKDAYS: dict[str, int] = {name: d for d, names in enumerate(_WEEKDAY_NAMES) for name in names.split()}
