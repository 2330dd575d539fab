"""Word lists for reading quantities: scales, vague amounts, hedges, units.

:mod:`storyline.nlp.quantities` parses numbers with these; they live apart
so the parser reads as logic.  Every list was written for this project
(fr/en/de/es/it, some ru).  Number words and month names are language data
(:mod:`storyline.lang`: ``number_words``, ``months``).
"""

from __future__ import annotations

__all__ = [
    "SCALES",
    "VAGUE",
    "APPROX",
    "AT_LEAST",
    "AT_MOST",
    "UNITS",
    "CURRENCY_PREFIX",
    "COUNT_CONNECTIVES",
]

#: Scale words after a number: "3,5 millions", "14k", "2 Mrd".
SCALES: dict[str, float] = {
    "k": 1e3, "mille": 1e3, "thousand": 1e3, "tausend": 1e3, "mil": 1e3, "тыс": 1e3, "тысяч": 1e3,
    "m": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "millionen": 1e6, "millón": 1e6,
    "millones": 1e6, "milione": 1e6, "milioni": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6,
    "миллионов": 1e6,
    "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9, "mrd": 1e9, "milliarde": 1e9,
    "milliarden": 1e9, "miliardo": 1e9, "miliardi": 1e9, "млрд": 1e9,
}  # fmt: skip

# Vague amounts, (pattern, low, high).  Plural "thousands" means a few
# thousand (2..9 999): 14 000 would be "more than ten thousand" or "tens of
# thousands", which have their own entries.  Longest patterns first.
VAGUE: list[tuple[str, float, float]] = [
    (r"(?:des|plusieurs|quelques)\s+centaines\s+de\s+milliers", 2e5, 999_999),
    (r"(?:hundreds\s+of\s+thousands)", 2e5, 999_999),
    (r"(?:hunderttausende)", 2e5, 999_999),
    (r"(?:cientos|centenares)\s+de\s+miles", 2e5, 999_999),
    (r"centinaia\s+di\s+migliaia", 2e5, 999_999),
    (r"(?:des|plusieurs|quelques)\s+dizaines\s+de\s+milliers", 2e4, 99_999),
    (r"tens\s+of\s+thousands", 2e4, 99_999),
    (r"zehntausende", 2e4, 99_999),
    (r"decenas\s+de\s+miles", 2e4, 99_999),
    (r"decine\s+di\s+migliaia", 2e4, 99_999),
    (r"(?:plusieurs|quelques|des)\s+millions", 2e6, 9_999_999),
    (r"(?:several\s+|a\s+few\s+)?millions", 2e6, 9_999_999),
    (r"(?:plusieurs|quelques|des)\s+milliers", 2e3, 9_999),
    (r"(?:several|a\s+few)\s+thousand", 2e3, 9_999),
    (r"thousands", 2e3, 9_999),
    (r"(?:mehrere|einige|ein\s+paar)\s+tausend", 2e3, 9_999),
    (r"tausende", 2e3, 9_999),
    (r"(?:varios|unos)\s+miles|miles(?=\s+de\s)", 2e3, 9_999),
    (r"(?:diverse|alcune|parecchie)\s+migliaia|migliaia", 2e3, 9_999),
    (r"milliers", 2e3, 9_999),
    (r"un\s+millier", 800, 1_200),
    (r"(?:plusieurs|quelques|des)\s+centaines", 200, 999),
    (r"(?:several|a\s+few)\s+hundred|hundreds", 200, 999),
    (r"(?:mehrere|einige)\s+hundert|hunderte", 200, 999),
    (r"(?:varios\s+)?(?:cientos|centenares)", 200, 999),
    (r"(?:diverse\s+)?centinaia", 200, 999),
    (r"une\s+centaine", 80, 120),
    (r"(?:des|plusieurs|quelques)\s+dizaines", 20, 99),
    (r"dozens|dutzende|decenas|decine", 20, 99),
    (r"une\s+dizaine", 8, 12),
]

# Hedges before a number.
APPROX = (
    r"quelque|environ|près\s+de|presque|autour\s+de|approximativement|about|around|approximately|nearly|"
    r"roughly|some|almost|rund|etwa|ungefähr|fast|knapp|circa|ca\.|alrededor\s+de|cerca\s+de|unos|unas|"
    r"casi|quasi|circa|intorno\s+a|около|почти|примерно"
)
AT_LEAST = r"plus\s+de|au\s+moins|more\s+than|over|at\s+least|mehr\s+als|über|mindestens|más\s+de|al\s+menos|oltre|più\s+di|almeno|более"
AT_MOST = r"moins\s+de|less\s+than|fewer\s+than|under|up\s+to|jusqu'à|weniger\s+als|bis\s+zu|menos\s+de|hasta|meno\s+di|fino\s+a|менее"

# Units: surface -> (canonical unit, factor to the canonical unit).
UNITS: dict[str, tuple[str, float]] = {
    "%": ("%", 1), "pour cent": ("%", 1), "pourcent": ("%", 1), "percent": ("%", 1), "per cent": ("%", 1),
    "prozent": ("%", 1), "por ciento": ("%", 1), "per cento": ("%", 1), "процентов": ("%", 1),
    "km": ("m", 1000), "kilomètres": ("m", 1000), "kilomètre": ("m", 1000), "kilometres": ("m", 1000),
    "kilometers": ("m", 1000), "kilometre": ("m", 1000), "kilometer": ("m", 1000), "kilómetros": ("m", 1000),
    "chilometri": ("m", 1000), "км": ("m", 1000),
    "m": ("m", 1), "mètres": ("m", 1), "mètre": ("m", 1), "metres": ("m", 1), "meters": ("m", 1),
    "meter": ("m", 1), "metros": ("m", 1), "metri": ("m", 1),
    "miles": ("m", 1609.344), "mile": ("m", 1609.344), "meilen": ("m", 1609.344), "millas": ("m", 1609.344),
    "kg": ("kg", 1), "kilos": ("kg", 1), "kilogrammes": ("kg", 1), "kilograms": ("kg", 1),
    "tonnes": ("kg", 1000), "tonne": ("kg", 1000), "tons": ("kg", 1000), "tonnen": ("kg", 1000),
    "toneladas": ("kg", 1000), "tonnellate": ("kg", 1000), "t": ("kg", 1000),
    "hectares": ("m2", 1e4), "hektar": ("m2", 1e4), "km2": ("m2", 1e6), "km²": ("m2", 1e6),
    "€": ("EUR", 1), "euros": ("EUR", 1), "euro": ("EUR", 1), "eur": ("EUR", 1),
    "$": ("USD", 1), "dollars": ("USD", 1), "dollar": ("USD", 1), "usd": ("USD", 1), "dólares": ("USD", 1),
    "dollari": ("USD", 1), "£": ("GBP", 1), "livres sterling": ("GBP", 1), "pounds": ("GBP", 1),
    "gbp": ("GBP", 1), "chf": ("CHF", 1), "francs suisses": ("CHF", 1), "franken": ("CHF", 1),
    "roubles": ("RUB", 1), "rubles": ("RUB", 1), "рублей": ("RUB", 1),
    "ans": ("year", 1), "years": ("year", 1), "jahre": ("year", 1), "años": ("year", 1), "anni": ("year", 1),
    "jours": ("day", 1), "days": ("day", 1), "tage": ("day", 1), "días": ("day", 1), "giorni": ("day", 1),
    "mois": ("year", 1 / 12), "months": ("year", 1 / 12), "monate": ("year", 1 / 12), "monaten": ("year", 1 / 12),
    "meses": ("year", 1 / 12), "mesi": ("year", 1 / 12), "jahren": ("year", 1), "jahr": ("year", 1),
    "year": ("year", 1), "anno": ("year", 1), "año": ("year", 1),
    "kilometern": ("m", 1000), "heures": ("h", 1), "hours": ("h", 1), "stunden": ("h", 1), "horas": ("h", 1), "ore": ("h", 1),
    "minutes": ("h", 1 / 60), "minuten": ("h", 1 / 60), "minutos": ("h", 1 / 60), "minuti": ("h", 1 / 60),
}  # fmt: skip
CURRENCY_PREFIX = {"€": "EUR", "$": "USD", "£": "GBP", "US$": "USD"}

# Words that never name what is counted: the function words of every
# registered language (storyline.lang) and these connectives.
COUNT_CONNECTIVES = frozenset(["lors", "après", "avant", "puis", "alors", "when", "during", "after", "before", "then"])
