"""Language-general cue vocabulary for telling article text from page furniture.

Everything here is *general* vocabulary of news pages in French, English,
German, Spanish and Italian (share buttons, comment widgets, newsletter and
donation appeals, bylines, photo credits), never the wording of one site.
The patterns are compiled once; :mod:`storyline.extraction.lines` combines
them with shape cues (length, punctuation, capitalisation, stop words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .. import lang

__all__ = [
    "STOP_WORDS",
    "SECOND_PERSON",
    "AGENCY_NAMES",
    "AGENCY_RE",
    "AGENCY_TOKENS",
    "AGENCY_RE_ANY_CASE",
    "WIDGET_WORDS",
    "WIDGET_PHRASES",
    "widget_hits",
    "TAIL_HEADER_RE",
    "RELATED_HEADER_RE",
    "APPEAL_RE",
    "is_form_message",
    "is_signoff",
    "is_photo_credit",
    "is_breadcrumb",
    "BYLINE_RE",
    "SIGNOFF_RE",
    "AGENCY_ONLY_RE",
    "MONTHS_RE",
    "PHOTO_CREDIT_RE",
    "CAPTION_TAIL_RE",
    "DATELINE_RE",
    "DOMAIN_LINE_RE",
    "URL_RE",
    "PROMO_START_RE",
    "PROMO_CHANNEL_RE",
    "TAXONOMY_RE",
    "FORM_MESSAGE_RE",
    "BARE_LINK_RE",
    "PUBLICATION_VERB_RE",
    "BREADCRUMB_RE",
    "EMAIL_RE",
    "TIMESTAMP_RE",
    "WIRE_DATELINE_RE",
]

# Function words of every language storyline knows (:mod:`storyline.lang`;
# rebound with the other language-derived globals by _language_tables).
# Their share among a line's words separates running prose (30-60 %) from
# menus, headlines in title case and credit lines (0-15 %).
STOP_WORDS: frozenset[str]

# Second-person pronouns and possessives: common in appeals to the reader
# ("votre don", "your inbox", "Ihre Spende"), rare in news prose outside quotes.
SECOND_PERSON: frozenset[str] = frozenset(
    [
        "vous",
        "votre",
        "vos",
        "you",
        "your",
        "yours",
        "ihr",
        "ihre",
        "ihren",
        "ihrem",
        "sie",
        "usted",
        "ustedes",
        "vuestro",
        "su",
        "tu",
        "tuo",
        "tua",
        "voi",
        "vostro",
        "vostra",
    ]
)

#: News agencies whose credits we recognise; the key is the canonical name we
#: report, the values the spellings met in bylines and datelines
#: (``storyline/lang/data/agencies.json``).
AGENCY_NAMES: dict[str, tuple[str, ...]] = {
    canon: tuple(spellings) for canon, spellings in lang.load_table("agencies").items()
}
#: Single-token spellings of the agencies (a caption ending "... New York.Reuters").
AGENCY_TOKENS: frozenset[str] = frozenset(
    alt for alts in AGENCY_NAMES.values() for alt in alts if " " not in alt
) | frozenset(alt.upper() for alts in AGENCY_NAMES.values() for alt in alts if " " not in alt)
_AGENCY_ALTS = sorted({alt for alts in AGENCY_NAMES.values() for alt in alts}, key=len, reverse=True)
AGENCY_RE_ANY_CASE = re.compile(
    r"(?i)(?<![\w-])(" + "|".join(re.escape(a) for a in _AGENCY_ALTS) + r")(?![\w-])"
)
AGENCY_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in _AGENCY_ALTS) + r")(?![\w-])")

_W = r"(?:^|[\s|•·:,(])"  # a word boundary that also accepts widget separators

# Short lines made of these words are widgets, menus or legal text.  Single
# words are matched as tokens (a set lookup, so labelling stays fast on long
# paragraphs), phrases as substrings of the case-folded line.
WIDGET_WORDS: frozenset[str] = frozenset(
    [
        "partager",
        "partagez",
        "share",
        "shares",
        "teilen",
        "condividi",
        "compartir",
        "comparte",
        "tweet",
        "tweeter",
        "tweetez",
        "whatsapp",
        "facebook",
        "linkedin",
        "pinterest",
        "commentaire",
        "commentaires",
        "comment",
        "comments",
        "kommentar",
        "kommentare",
        "commento",
        "commenti",
        "comentario",
        "comentarios",
        "réagir",
        "discussion",
        "connectez-vous",
        "login",
        "anmelden",
        "registrieren",
        "accedi",
        "registrati",
        "regístrate",
        "publicité",
        "advertisement",
        "advertising",
        "anzeige",
        "werbung",
        "pubblicità",
        "publicidad",
        "sponsored",
        "sponsorisé",
        "newsletter",
        "newsletters",
        "abonnez-vous",
        "s'abonner",
        "subscribe",
        "subscription",
        "abonnieren",
        "abonnement",
        "abbonati",
        "suscríbete",
        "suscribirse",
        "suivez-nous",
        "seguici",
        "síguenos",
        "accueil",
        "startseite",
        "menu",
        "menü",
        "rechercher",
        "search",
        "suche",
        "cerca",
        "buscar",
        "loader",
        "cookie",
        "cookies",
        "tags",
        "datenschutz",
        "impressum",
        "imprimer",
        "drucken",
        "stampa",
        "imprimir",
    ]
)
WIDGET_PHRASES: tuple[str, ...] = (
    "copier le lien",
    "copy link",
    "link kopieren",
    "copia link",
    "copiar enlace",
    "e-mail this",
    "email this",
    "se connecter",
    "créez votre",
    "sign in",
    "log in",
    "sign up",
    "inicia sesión",
    "iniciar sesión",
    "mon compte",
    "my account",
    "je m'inscris",
    "download the app",
    "télécharger l'application",
    "get the app",
    "follow us",
    "folgen sie uns",
    "home page",
    "accéder aux raccourcis",
    "skip to",
    "zum inhalt",
    "vai al contenuto",
    "ir al contenido",
    "close button",
    "temps de lecture",
    "reading time",
    "min read",
    "lesezeit",
    "tempo di lettura",
    "tiempo de lectura",
    "privacy policy",
    "politique de confidentialité",
    "mentions légales",
    "tous droits réservés",
    "all rights reserved",
    "alle rechte vorbehalten",
    "tutti i diritti riservati",
    "todos los derechos reservados",
    "print article",
    "order reprints",
)


_WORD_TOKEN = re.compile(r"[^\W_]+")
# Phrases (and hyphenated or elided single entries such as "connectez-vous")
# indexed by their first word token, so a line is only tested against the
# phrases whose first word it contains.
_PHRASES_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _ph in (*WIDGET_PHRASES, *(w for w in WIDGET_WORDS if not w.isalpha())):
    _first = _WORD_TOKEN.findall(_ph)[0]
    _PHRASES_BY_FIRST[_first] = (*_PHRASES_BY_FIRST.get(_first, ()), _ph)


def widget_hits(lowered: str, tokens: list[str]) -> int:
    """Matches of the widget lexicon in a case-folded line and its word tokens
    (split at apostrophes and hyphens, as :data:`_WORD_TOKEN` does)."""
    hits = sum(map(WIDGET_WORDS.__contains__, tokens))
    for t in set(tokens).intersection(_PHRASES_BY_FIRST):
        hits += sum(1 for ph in _PHRASES_BY_FIRST[t] if ph in lowered)
    return hits


# A header after which the rest of the page is not the article: comments,
# related articles, donation/subscription appeals.
TAIL_HEADER_RE = re.compile(
    r"(?i)^\s*(?:"
    r"commentaires?|comments?|kommentare?|commenti|comentarios|réactions|leave a (?:comment|reply)|"
    r"à (?:lire|découvrir|voir) (?:aussi|également)|sur le même sujet|lire aussi|voir aussi|"
    r"read (?:more|next|also)|related(?: articles| stories| content| coverage)?|more (?:from|on|stories)|"
    r"you (?:may|might) also like|recommended|"
    r"mehr zum thema|das könnte sie auch interessieren|lesen sie auch|weitere artikel|"
    r"leggi anche|potrebbe interessarti|articoli correlati|ti potrebbe interessare|"
    r"lee también|te puede interesar|noticias relacionadas|más noticias|"
    r"don't miss|ne manquez pas|les plus lus|most read|meistgelesen|i più letti|lo más leído|"
    r"explore further|popular on|trending|also on\b"
    r")\b.{0,40}$"
)

# The same headers used inline before one linked headline ("Lire aussi : ...").
RELATED_HEADER_RE = re.compile(
    r"(?i)^\s*[-–•\[(]?\s*(?:"
    r"à (?:lire|découvrir|voir) (?:aussi|également)|lire aussi|voir aussi|read (?:more|also)|see more|"
    r"related|also on|also|more|lesen sie auch|mehr zum thema|leggi anche(?: su)?|lee también|ver también"
    r")\s*[:>»-]"
)

# Appeals to the reader (donations, subscriptions): the start of a block of
# page furniture even when its sentences look like prose.
APPEAL_RE = re.compile(
    r"(?i)(?:faites un don|faire un don|soutenez[- ]nous|nous soutenir|votre don|votre générosité|"
    r"donate|donation|support (?:us|our journalism)|become a (?:member|subscriber|supporter)|"
    r"jetzt spenden|ihre spende|unterstützen sie uns|fai una donazione|sostienici|sostieni|"
    r"haz una donación|apóyanos|hazte socio|"
    r"inscrivez-vous à (?:la|notre) newsletter|sign up for (?:our|the)|get the latest .* (?:in|to) your inbox|"
    r"abonnez-vous|subscribe (?:now|today|to)|jetzt abonnieren|abbonati ora|suscríbete)"
)

# Bylines: "Par X", "By X", "Von X", "Di X", "Por X" (a short line), the
# "rédigé par" form and agency-only credits ("avec AFP").
BYLINE_RE = re.compile(
    r"^\s*(?:(?:article|texte)\s+(?:rédigé|écrit)\s+par|par|by|von|di|por|de|written by|text:|texte\s*:)\s+"
    r"(?P<names>[A-ZÀ-ÖØ-Þa-zß-öø-ÿ][^.!?]{1,120}?)\s*$",
    re.IGNORECASE,
)

# Sign-offs that end a story: "(Reporting by X; editing by Y)",
# "(Jean Dupont; version française ...)", "Sources additionnelles", "Avec AFP".
_SIGNOFF_HEAD = (
    r"^\s*(?:"
    r"\([^()]{0,200}(?:;|édité par|editing by|reporting by|writing by|version française|traduction|"
    r"translated|redazione|redacción|bearbeitet|mit material)[^()]{0,200}\)\s*$|"
    r"(?:sources? additionnelles?|additional (?:reporting|sources?)|with (?:reporting|additional)|"
    r"avec (?:l'|les agences|agences)|adaptation\s*:|traduction\s*:|translated by|übersetzung\s*:|"
    r"mit material von|con informazioni|con información de|información de)\b|"
    r"(?:reporting|writing|editing|additional reporting|compiled|produced) by\b|"
    r"(?:übersetzung|traduction|traducción|traduzione) (?:aus|de|del|dall)\b|"
    r"(?:quelle|source|fuente|fonte)\s*:|"
    r"[^.]{0,120}\bcontributed (?:reporting|to this report)\b|"
    r"[©]|\(c\)\s*\d{4}|copyright\b"
    r")"
)
SIGNOFF_RE = re.compile(
    r"(?i)"
    + _SIGNOFF_HEAD
    + r"|(?:^|\s)(?:avec|with|mit|con|et|and|und|y|e|/)\s+(?:l'|the\s)?(?:"
    + "|".join(re.escape(a) for a in _AGENCY_ALTS)
    + r")\W*$|(?:^|\s)[©]"
)
# The part of SIGNOFF_RE that can only match at the start of a line.
_SIGNOFF_HEAD_RE = re.compile(r"(?i)" + _SIGNOFF_HEAD)

# A line made only of agency names: "Reuters", "(afp)", "AFP/dpa".
AGENCY_ONLY_RE = re.compile(
    r"(?i)^\W*(?:[a-z]{1,4}\s*/\s*)?(?:(?:" + "|".join(re.escape(a) for a in _AGENCY_ALTS) + r")\W*){1,3}"
    r"(?:/\s*[a-z]{1,4})?\W*$"
)

# Photo credits ("Photo : X / AFP", "© Getty Images", "Foto: dpa").
_PHOTO_LABEL = r"^\s*(?:photo|photos|foto|fotos|bild|image|crédit(?:s)? photo|credit|illustration)\s*:"
PHOTO_CREDIT_RE = re.compile(
    r"(?i)(?:"
    + _PHOTO_LABEL
    + r"|getty images|shutterstock|istock|\bepa\b|keystone|imago|picture alliance|©)"
)
_PHOTO_LABEL_RE = re.compile(r"(?i)" + _PHOTO_LABEL)
# Every match of PHOTO_CREDIT_RE that is neither its label nor "©" holds one
# of these lower-case words.
_PHOTO_AGENCY_KEYS = (
    "getty images",
    "shutterstock",
    "istock",
    "epa",
    "keystone",
    "imago",
    "picture alliance",
)

# A caption ends with its credit: "(Carlos Mendoza / AFP)", "Name/Copyright ...",
# "KCNA via KNS", "Photo: ...".
CAPTION_TAIL_RE = re.compile(
    r"(?:\((?:[^()]{0,60}/[^()]{0,60}|[^()]{0,40}(?:"
    + "|".join(re.escape(a) for a in _AGENCY_ALTS)
    + r")[^()]{0,20})\)\s*$|\bvia [A-Z]{2,}\b\s*$|/\s*(?:"
    + "|".join(re.escape(a) for a in _AGENCY_ALTS)
    + r")\s*\.?\s*$|[©]|(?i:getty images|all rights reserved|tous droits réservés|alle rechte vorbehalten)|"
    # an agency glued after the caption's last sentence: "...in New York.Reuters"
    r"[.!?]\s?(?:" + "|".join(re.escape(a) for a in _AGENCY_ALTS) + r"|Getty Images|AP Photo)\s*$)"
)

_STAMP_WORDS = (
    r"updated|update|posted|published|last|at|on|am|pm|a|p|m|gmt|utc|est|edt|cst|cdt|pst|pdt|ist|cet|cest|"
    r"bst|et|pt|h|publié|mis|à|jour|le|aktualisiert|veröffentlicht|um|uhr|am|stand|pubblicato|aggiornato|"
    r"alle|ore|publicado|actualizado|el|a|las|de|of|the"
)
# Month names (abbreviations with an optional full stop) and weekday names of
# every registered language, as regex alternations: set by _language_tables.
MONTHS_RE: str
# Publication-date lines: "Publié le 11/03/2025 à 14h05", "Updated 5:45 AM",
# "Veröffentlicht am 3. März 2025", or a bare date.
DATELINE_RE: re.Pattern[str]
# A line that is only a date or a time ("Thursday, December 11, 2008",
# "Updated: 21 July 2013 Last updated at 11: 11 GMT", "8 / 2 / 13 at 1: 30 PM"):
# every word is a number, a month, a weekday (abbreviated or not) or a word
# of time stamps.
_DATE_TOKEN_RE: re.Pattern[str]


def _alternation(words: Iterable[str], *, optional_stop: bool = False) -> str:
    """Longest first, so that no word stops the engine inside a longer one."""
    tail = r"\.?" if optional_stop else ""
    return "|".join(re.escape(w) + tail for w in sorted(words, key=len, reverse=True))


@lang.on_change
def _language_tables() -> None:
    global STOP_WORDS, MONTHS_RE, DATELINE_RE, _DATE_TOKEN_RE
    STOP_WORDS = lang.all_stop_words()
    months = lang.months(abbreviations=False, dates=True)
    abbreviated = {m: n for m, n in lang.months(dates=True).items() if m not in months}
    MONTHS_RE = _alternation(months) + "|" + _alternation(abbreviated, optional_stop=True)
    weekdays = _alternation(lang.weekdays())
    DATELINE_RE = re.compile(
        r"(?i)^\s*(?:(?:le|on|am|el|il)\s+)?(?:(?:publié|mis en ligne|mis à jour|modifié|updated|published|posted|"
        r"last updated|aktualisiert|veröffentlicht|stand|pubblicato|aggiornato|publicado|actualizado)\b"
        r"(?:\s+(?:le|on|am|il|el|at|:))?"
        r"|(?:" + weekdays + r")\b"
        r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+(?:" + MONTHS_RE + r")\b|"
        r"(?:" + MONTHS_RE + r")\s+\d{1,2},?\s+\d{4})"
    )
    _DATE_TOKEN_RE = re.compile(
        r"(?i)^(?:\d{1,4}(?:st|nd|rd|th|er|e|am|pm|h)?|(?:" + MONTHS_RE + r")|(?:"
        + _alternation(lang.weekdays(abbreviations=True)) + r")|(?:" + _STAMP_WORDS + r"))\.?$"
    )


_DATE_SPLIT_RE = re.compile(r"[\s,;:|/@()\-–—.]+")


def is_date_only(text: str) -> bool:
    """Whether a line holds nothing but a date or a time stamp (and a number at least)."""
    parts = [p for p in _DATE_SPLIT_RE.split(text.strip()) if p]
    return bool(parts) and any(p.isdigit() for p in parts) and all(_DATE_TOKEN_RE.match(p) for p in parts)


# Sentences that promote the outlet rather than tell the story: "Follow us on
# Twitter", "Sign up for our newsletter", "Click here to get the app",
# "Email the reporter at ...".  Needs a call to action *and* a channel word.
PROMO_START_RE = re.compile(
    r"(?i)^\W*(?:follow|subscribe|sign up|get (?:the|our)|click here|email|e-mail|reach|listen|download|"
    r"like this|tell us|have a tip|join (?:us|our)|watch|don't miss|want more|for more|"
    r"suivez|abonnez|inscrivez|retrouvez|téléchargez|écoutez|"
    r"folgen sie|abonnieren sie|melden sie sich|laden sie|hören sie|"
    r"seguici|seguite|iscriviti|scarica|ascolta|síguenos|sigue|suscríbete|descarga|escucha)\b"
)
PROMO_CHANNEL_RE = re.compile(
    r"(?i)(?:https?://|twitter|facebook|instagram|youtube|tiktok|linkedin|whatsapp|telegram|newsletter|inbox|podcast|"
    r"\bapp\b|appli|application|@\w|e-?mail|rss|alexa|itunes|spotify|boîte mail|posteingang|"
    r"subscri|abonn|iscri|suscri|sign(?:ing)? up|click here|cliquez|klicken)"
)
# Messages of web forms and legal notices printed into the page.
FORM_MESSAGE_RE = re.compile(
    r"(?i)(?:thanks? (?:you )?for signing up|error (?:has occurred|processing)|an error occurred|"
    r"please try again later|keep an eye on your inbox|this article has been sent to|"
    r"for your personal,? non-commercial use|personal use only|order (?:presentation-ready )?(?:copies|reprints)|"
    r"merci (?:pour|de) votre inscription|une erreur (?:s'est produite|est survenue)|"
    r"vielen dank für ihre anmeldung|ein fehler ist aufgetreten|grazie per (?:la|esserti) iscri|"
    r"gracias por suscribirte|se ha producido un error)"
)
# Every FORM_MESSAGE_RE match holds one of these lower-case words.  A regex
# search that ignores case tries its alternatives at every position of a line;
# looking for the words in the lowered line is a few C substring scans: on
# the dev lines (examples and seeds, up to 30 words) is_form_message takes
# ~1.4 us where FORM_MESSAGE_RE.search takes ~5.9 us.
_FORM_MESSAGE_KEYS = (
    "signing up",
    "error",
    "try again",
    "inbox",
    "has been sent",
    "personal",
    "order ",
    "inscription",
    "erreur",
    "anmeldung",
    "fehler",
    "grazie per",
    "suscribirte",
)
# Characters the regex engine's case-insensitive mode matches to an ASCII
# letter but ``str.lower`` does not map to it (long s, dotless and dotted i).
_SRE_CASE_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})


def _lower_like_sre(text: str) -> str:
    """``text`` lowered so that a lower-case ASCII literal found in it is exactly
    what a case-insensitive pattern would find in ``text``."""
    # (translate only when needed: it looks every character up in a dict)
    if "ſ" in text or "ı" in text or "İ" in text:
        text = text.translate(_SRE_CASE_FOLD)
    return text.lower()


def is_form_message(text: str) -> bool:
    """Whether FORM_MESSAGE_RE occurs in ``text`` (the same answer, faster)."""
    low = _lower_like_sre(text)
    return any(k in low for k in _FORM_MESSAGE_KEYS) and FORM_MESSAGE_RE.search(text) is not None


#: Characters of the longest agency name (how much of a line's end can hold one).
_MAX_AGENCY_CHARS = max(map(len, _AGENCY_ALTS))
_AGENCY_ENDINGS = tuple({a.lower() for a in _AGENCY_ALTS})


def _ends_with_agency(text: str) -> bool:
    """Whether ``text``, trailing non-word characters aside, ends with an
    agency name in any case (what SIGNOFF_RE's "avec AFP" branch needs)."""
    end = len(text)
    # (the regex engine's \w: letters, digits -- str.isalnum -- and "_")
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    return _lower_like_sre(text[max(0, end - _MAX_AGENCY_CHARS) : end]).endswith(_AGENCY_ENDINGS)


def is_signoff(text: str) -> bool:
    """Whether SIGNOFF_RE occurs in ``text`` (the same answer, faster).

    Its case-insensitive search tries every position of the line; here the
    start-of-line part is matched once, and the full search runs only when a
    "©" or an agency name at the end makes the other parts possible.  On dev
    lines (examples and seeds, up to 25 words): ~3.9 -> ~2.0 us a line.
    """
    if _SIGNOFF_HEAD_RE.match(text) is not None:
        return True
    if "©" in text or _ends_with_agency(text):
        return SIGNOFF_RE.search(text) is not None
    return False


def is_photo_credit(text: str) -> bool:
    """Whether PHOTO_CREDIT_RE occurs in ``text`` (the same answer, faster: on
    dev lines up to 12 words ~0.9 us where the search takes ~2.5 us)."""
    if "©" in text or _PHOTO_LABEL_RE.match(text) is not None:
        return True
    low = _lower_like_sre(text)
    return any(k in low for k in _PHOTO_AGENCY_KEYS) and PHOTO_CREDIT_RE.search(text) is not None


# A line that is only a link or a handle: "twitter.com/someone", "https://...".
BARE_LINK_RE = re.compile(
    r"^\s*(?:https?://\S+|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}/\S*|@\w+)\s*$", re.IGNORECASE
)
# Publication verbs that open a dateline even inside the content.
PUBLICATION_VERB_RE = re.compile(
    r"(?i)^\W*(?:publié|mis à jour|mis en ligne|modifié|updated|published|posted|last updated|aktualisiert|"
    r"veröffentlicht|pubblicato|aggiornato|publicado|actualizado)\b"
)

# Taxonomy and filing lines: "Filed under: X", "Tags: a, b", "Schlagwörter: ...".
TAXONOMY_RE = re.compile(
    r"(?i)^\W*(?:filed under|tags?|tagged|topics?|categories|category|catégories?|mots-clés|thèmes?|"
    r"schlagwörter|themen|etichette|argomenti|etiquetas|temas)\s*:"
)

DOMAIN_LINE_RE = re.compile(
    r"^\s*(?:www\.)?[a-z0-9][a-z0-9-]{1,62}(?:\.[a-z0-9-]{2,63})*\.[a-z]{2,12}\s*$", re.IGNORECASE
)
# Breadcrumbs and menus: "Monde | Amérique latine", "International > Amériques".
BREADCRUMB_RE = re.compile(r"^[^.!?]{1,60}(?:\s+[>|/›]\s+[^.!?]{1,60}){1,6}$")
_BREADCRUMB_SEPARATORS = ">|/›"


def is_breadcrumb(text: str) -> bool:
    """Whether BREADCRUMB_RE matches ``text`` (the same answer, faster): the
    pattern needs a separator, and without one its backtracking over the
    bounded repeats is the costly way to fail (dev lines up to 12 words:
    ~0.9 -> ~0.5 us)."""
    return any(c in text for c in _BREADCRUMB_SEPARATORS) and BREADCRUMB_RE.match(text) is not None


URL_RE = re.compile(r"https?://\S+|www\.\S+\.\w{2,}")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\[email[^\]]*protected\]")
TIMESTAMP_RE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?\s*$")

# "SEOUL (Reuters) -", "LIMA (AFP) –", "(AP) —", "Berlin (dpa) -" at the start
# of the first body paragraph.
WIRE_DATELINE_RE = re.compile(
    r"^\s*(?:[A-ZÀ-ÖØ-Þ][\wÀ-ÿ.' -]{1,40}?(?:,\s*[\wÀ-ÿ.' -]{2,30})?\s+)?\(("
    + "|".join(re.escape(a) for a in _AGENCY_ALTS)
    + r")(?:\s*/\s*[\w .-]{2,30})?\)\s*\.?\s*[-–—:]"
)
