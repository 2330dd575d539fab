"""Spanish."""

from __future__ import annotations

from . import LanguageData

_NUMBER_WORDS: dict[str, float] = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "doce": 12, "quince": 15, "veinte": 20, "treinta": 30, "cien": 100,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}  # fmt: skip
# 21..29 are one word ("veintidós"), also met without the accent; 31..99 are three ("treinta y dos").
for _u, _unit in enumerate(("uno", "dós", "trés", "cuatro", "cinco", "séis", "siete", "ocho", "nueve"), start=1):
    _NUMBER_WORDS["veinti" + _unit] = 20 + _u
    _NUMBER_WORDS["veinti" + _unit.replace("é", "e").replace("ó", "o")] = 20 + _u

DATA = LanguageData(
    code="es",
    name="Spanish",
    stop_words=frozenset(
        (
            "el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "pero", "de", "del", "al", "en",
            "con", "por", "para", "sin", "sobre", "es", "son", "fue", "era", "ha", "han", "había", "que", "se",
            "su", "sus", "lo", "como", "más", "según", "tras", "desde", "entre",
        )
    ),
    sentence_openers=frozenset(
        (
            "el", "los", "las", "la", "pero", "y", "luego", "después", "antes", "según", "desde", "este", "esta",
            "ella", "él", "en",
        )
    ),
    months={
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
        "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    },
    weekdays={
        "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
        "sabado": 5, "domingo": 6,
    },
    abbreviations=frozenset(("sr", "sra", "nº")),
    titles=("presidente", "ministro", "portavoz", "señor", "señora", "Sr.", "Sra."),
    number_words=_NUMBER_WORDS,
    speech_verbs=(
        "dijo", "dice", "afirmó", "afirma", "declaró", "añadió", "explicó", "señaló", "aseguró", "indicó",
        "advirtió",
    ),
    according_to=("según", "segun"),
    statement_cues=("dijo", "afirmó", "aseguró"),
    source_cues=("afirma(?:n|ron)?", "dijo"),
    deny_cues=(r"niega\w*", "negó", r"desmient\w*", "desmintió", r"rechaz\w*", r"noticias\s+falsas", r"infundad\w*"),
    confirm_cues=(r"confirm[oó]\w*", r"reconoc\w*"),
    assert_cues=(r"afirm\w*", r"asegur\w*", "sostiene", r"reivindic\w*", r"anunci\w*"),
)
