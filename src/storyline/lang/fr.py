"""French."""

from __future__ import annotations

from . import LanguageData

_NUMBER_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "cent": 100, "mille": 1000,
}  # fmt: skip

DATA = LanguageData(
    code="fr",
    name="French",
    stop_words=frozenset(
        (
            "le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "au", "aux", "et", "ou", "mais", "donc",
            "que", "qui", "quoi", "dont", "où", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs",
            "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "se", "sur", "sous", "dans", "par",
            "pour", "avec", "sans", "en", "ne", "pas", "plus", "est", "sont", "été", "était", "a", "ont", "avait",
            "être", "avoir", "comme", "selon", "après", "avant", "entre", "depuis", "lors",
        )
    ),
    sentence_openers=frozenset(
        (
            "le", "la", "les", "un", "une", "des", "mais", "et", "puis", "alors", "selon", "après", "avant",
            "pour", "dans", "en", "depuis", "ce", "cette", "ils", "elle",
        )
    ),
    months={
        "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
        "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    },
    month_abbreviations={
        "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12,
    },
    weekdays={"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    abbreviations=frozenset(("m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "gén", "art", "p", "éd")),
    titles=("M.", "MM.", "Mme", "Mmes", "Mlle", "Me", "Pr"),
    number_words=_NUMBER_WORDS,
    speech_verbs=(
        "déclaré", "dit", "affirmé", "ajouté", "expliqué", "souligné", "indiqué", "estimé", "assuré", "lancé",
        "poursuivi", "précisé", "martelé", "insisté", "confié", "raconté", "prévenu", "averti", "annoncé",
        "écrit", "répondu", "commenté", "jugé", "dénoncé", "rappelé", "conclu", "confirmé", "reconnu", "admis",
        "démenti", "déploré", "regretté",
        "déclare", "affirme", "ajoute", "explique", "souligne", "indique", "estime", "assure", "lance",
        "poursuit", "précise", "martèle", "insiste", "confie", "raconte", "prévient", "avertit", "annonce",
        "répond", "commente", "juge", "dénonce", "rappelle", "conclut",
    ),
    according_to=("selon", "d['’]après", "citant"),
    statement_cues=(
        r"assure\w*", r"a\s+déclaré", "déclare", r"a\s+affirmé", "affirme", r"a\s+indiqué", "indique",
        r"a\s+assuré", "précise",
    ),
    source_cues=(r"affirme(?:nt)?", r"estime(?:nt)?", r"indique(?:nt)?", r"assure(?:nt)?", r"a\s+déclaré",
                 r"ont\s+déclaré"),  # fmt: skip
    deny_cues=(
        r"dément\w*", r"démenti\w*", "nie", "nient", r"nié\w*", "niait", r"rejett?\w*", r"rejeté\w*",
        r"conteste\w*", r"contesté\w*", r"réfute\w*", r"réfuté\w*", "infox", "propagande", r"sans\s+fondement",
        r"dénuée?s?\s+de\s+(?:tout\s+)?fondement",
    ),
    confirm_cues=(r"confirm\w*", r"reconnu\w*", "reconnaît", "reconnait", "reconnaissent", r"admet\w*", r"admis\w*"),
    assert_cues=(
        r"affirm\w*", r"revendiqu\w*", r"prétend\w*", "assure", "assurent", "assuré", "assurant", "soutient",
        "soutiennent", r"annonc\w*",
    ),
)
