"""Story-level entities: NER mentions normalised across languages, spellings and scripts.

``entity_key`` maps every spelling of a name to one key:

1. Unicode folding: NFKC, case folding, accents dropped, ligatures expanded.
2. Cyrillic words lose their case ending (a light Russian stemmer: "Путина",
   "Путину" -> "путин"; "Курской области" -> "курск област") and are
   transliterated (BGN-like table), so "Путин" and "Putin" meet.
3. A phonetic skeleton per Latin token removes the differences between the
   usual transcriptions of the same foreign name (French "ou" for "u",
   German "w" for "v", "y"/"i", doubled letters, a mute final "e"): Poutine,
   Putin; Koursk, Kursk; Lavrov, Lawrow; Zelenski, Zelensky.
4. Titles ("M.", "President") and generic place heads ("région de",
   "Oblast") are dropped; hyphens are separators (Kim Jong-un = Kim Jong Un).
5. A small built-in exonym table (written for this project) maps names that no
   rule can relate to one canonical key: Moscou/Moskau/Москва, Kiev/Kyiv/Київ,
   Corée du Nord/North Korea/Nordkorea, Ким Чен Ын/Kim Jong Un...

``build_entities`` runs NER over the articles of a storyline, groups mentions
by key, merges lone surnames into the full name they abbreviate, and sorts the
entities by salience (articles mentioning them, then mentions).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from storyline import lang
from storyline.nlp.language import identify
from storyline.nlp.ner import Mention, MentionCache, has_model, mentions_many
from storyline.nlp.sentences import split_sentences
from storyline.types import Article, Entity

__all__ = ["entity_key", "build_entities", "sentence_mentions", "lexicon_matches", "canonical_name"]

# -- the exonym table ---------------------------------------------------------------
# canonical English name -> (label, other spellings in fr/en/de/es/it/ru), from
# storyline/lang/data: people.json (dated: who was in the news) then
# exonyms.json (places and organisations).  Only forms that the folding +
# skeleton rules cannot relate need listing, but common ones are listed anyway
# so that the fallback NER can find them in any language.  When two entries
# share a key, the first listed wins.
_EXONYMS: dict[str, tuple[str, tuple[str, ...]]] = {
    **{p["name"]: ("PER", tuple(p["spellings"])) for p in lang.load_table("people")},
    **{e["name"]: (e["label"], tuple(e["spellings"])) for e in lang.load_table("exonyms")},
}

# Titles dropped from person names (the registered languages' titles, folded:
# set by _language_tables); generic heads dropped from place names.
_TITLE_TOKENS: frozenset[str]
_PLACE_HEADS = frozenset((
    "region", "regions", "province", "provincia", "regione", "oblast", "oblasti", "gebiet", "krai",
    "district", "city", "ville", "republique", "republic", "republik", "republica", "repubblica", "area",
    "zone", "zona",
))  # fmt: skip
_CONNECT_TOKENS = frozenset(
    ["de", "du", "des", "la", "le", "l", "d", "of", "the", "del", "della", "di", "von", "der", "dei"]
)

_CYR = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
})  # fmt: skip
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "þ": "th"})
# Russian inflection endings, longest first (adjectival, nominal).  Stripping
# them only needs to be *consistent*: nominative and oblique forms of one name
# must meet, not produce a linguistic stem.
_RU_ENDINGS = sorted((
    "ого", "ему", "ому", "ыми", "ими", "ая", "яя", "ое", "ее", "ой", "ей", "ую", "юю", "ый", "ий", "ые",
    "ие", "ых", "их", "ым", "им", "ом", "ем", "ами", "ями", "ах", "ях", "ия", "ии", "ию", "ией", "а", "я",
    "у", "ю", "е", "ы", "и", "о", "ь", "й",
), key=len, reverse=True)  # fmt: skip
_TOKEN = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[а-яёіїєґ]")


def _ru_stem(token: str) -> str:
    for end in _RU_ENDINGS:
        if token.endswith(end) and len(token) - len(end) >= (2 if len(end) == 1 else 3):
            return token[: -len(end)]
    return token


def _skeleton(token: str) -> str:
    """Collapse transcription variants of one Latin-script token."""
    t = token
    t = re.sub(r"gu(?=[ei])", "g", t)  # French writes a hard g before e/i as "gu"
    t = t.replace("ou", "u").replace("w", "v").replace("ph", "f").replace("ck", "k").replace("kh", "h")
    t = t.replace("y", "i").replace("j", "i") if not t.startswith("j") else "j" + t[1:].replace("y", "i")
    t = re.sub(r"(.)\1+", r"\1", t)
    if len(t) > 4 and t.endswith("e"):
        t = t[:-1]
    return t


def _tokens(surface: str) -> list[str]:
    text = unicodedata.normalize("NFKC", surface).casefold().translate(_FOLD)
    text = re.sub(r"\b[ld][’']", " ", text)  # French elision: l'Ukraine, d'Ukraine
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        # Cyrillic is transliterated without accent folding, which would turn "й" into "и";
        # the text is case-folded already, so lang.fold only drops accents.
        tok = _ru_stem(tok).translate(_CYR) if _CYRILLIC.search(tok) else lang.fold(tok)
        out.append(_skeleton(tok))
    return [t for t in out if t]


def _base_key(surface: str, label: str | None) -> str:
    toks = _tokens(surface)
    if len(toks) > 1 and label in (None, "PER"):
        while len(toks) > 1 and toks[0] in _TITLE_TOKENS:
            toks = toks[1:]
    if len(toks) > 1 and label in (None, "LOC"):
        kept = [t for t in toks if t not in _PLACE_HEADS]
        while kept and kept[0] in _CONNECT_TOKENS:
            kept = kept[1:]
        if kept and len(kept) < len(toks):
            toks = kept
    return "-".join(toks)


def _slug(name: str) -> str:
    """Readable key of a canonical table name ("Kim Jong Un" -> "kim-jong-un")."""
    return "-".join(_TOKEN.findall(lang.fold(name)))


@functools.lru_cache(maxsize=1)
def _exonym_index() -> dict[str, tuple[str, str]]:
    """Base key of every listed spelling -> (canonical key, canonical name)."""
    index: dict[str, tuple[str, str]] = {}
    for name, (label, variants) in _EXONYMS.items():
        canon = _slug(name)
        for v in (name, *variants):
            index.setdefault(_base_key(v, label), (canon, name))
    return index


@functools.lru_cache(maxsize=1)
def _table_labels() -> dict[str, str]:
    return {_slug(name): label for name, (label, _) in _EXONYMS.items()}


def canonical_name(surface: str, label: str | None = None) -> str | None:
    """The exonym table's canonical (English) name for ``surface``, if listed."""
    hit = _exonym_index().get(_base_key(surface, label))
    return hit[1] if hit else None


@functools.lru_cache(maxsize=65536)
def entity_key(surface: str, label: str | None = None) -> str:
    """Normalised key of a name: equal for spellings, scripts and languages of one entity.

    ``label`` (PER/LOC/ORG/MISC) enables label-specific clean-up: titles are
    dropped from persons, generic heads ("région de") from places.
    """
    if not isinstance(surface, str):
        raise TypeError(f"surface must be str, not {type(surface).__name__}")
    base = _base_key(surface, label)
    hit = _exonym_index().get(base)
    return hit[0] if hit else base


@functools.lru_cache(maxsize=1)
def _lexicon_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    labels: dict[str, str] = {}
    for name, (label, variants) in _EXONYMS.items():
        for v in (name, *variants):
            labels.setdefault(v, label)
    alternation = "|".join(re.escape(v) for v in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), labels


def lexicon_matches(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every exact, case-sensitive exonym-table name in ``text``."""
    pattern, labels = _lexicon_pattern()
    return [(m.start(), m.end(), labels[m.group(0)]) for m in pattern.finditer(text)]


@lang.on_change
def _language_tables() -> None:
    global _TITLE_TOKENS
    _TITLE_TOKENS = frozenset(lang.fold(title).rstrip(".") for title in lang.collect("titles"))
    # Keys drop titles: the ones computed with other titles are stale.
    _exonym_index.cache_clear()
    entity_key.cache_clear()


# -- story-level entities ----------------------------------------------------------------

#: MISC entities (nationality adjectives, events, products) seen only once in
#: the whole story are dropped: on the seed pages they were mostly spaCy noise
#: (capitalised words, fragments of titles) and never useful for a reader.
MIN_MISC_MENTIONS = 2
#: Salience = ARTICLE_WEIGHT * articles mentioning + total mentions: being in
#: many sources matters more than being repeated in one.
ARTICLE_WEIGHT = 5
# Capitalised tokens the models tag as names but that never are: centuries
# ("XVIIIe", "XXth"), time zones.
_NOT_A_NAME = re.compile(r"^(?:[IVXLC]+(?:e|er|ème|th|st|nd|rd)|GMT|UTC|CET|CEST|MEZ|MSK|EST|EDT|PST|BST)$")
_LABEL_PRIORITY = {"PER": 0, "LOC": 1, "ORG": 2, "MISC": 3}


def _article_sentences(article: Article) -> list[str]:
    return article.sentences if article.sentences else split_sentences(article.text)


def sentence_mentions(
    articles: list[Article], *, cache: MentionCache | None = None
) -> dict[str, list[list[Mention]]]:
    """NER mentions per sentence of each article (aligned with ``article.sentences``).

    Offsets are relative to the sentence.  Articles are batched per language.
    Articles in a language without a NER model (German, Spanish, Italian...)
    also get every name that the models found in the story's other articles
    (exact spelling): a story-level gazetteer, since most names of a story are
    written alike across languages ("Duarte Mesquita", "Alcântara").
    """
    by_lang: dict[str | None, list[Article]] = defaultdict(list)
    for a in articles:
        if not isinstance(a, Article):
            raise TypeError(f"expected Article, got {type(a).__name__}")
        code = a.language or identify(a.text)[0]
        by_lang[code].append(a)
    out: dict[str, list[list[Mention]]] = {}
    gazetteer: Counter[tuple[str, str]] = Counter()
    fallback: list[Article] = []
    for code, group in by_lang.items():
        sents = [_article_sentences(a) for a in group]
        flat = [s for ss in sents for s in ss]
        found = mentions_many(flat, code, cache=cache)
        modelled = has_model(code)
        i = 0
        for a, ss in zip(group, sents, strict=True):
            out[a.id] = found[i : i + len(ss)]
            i += len(ss)
            if not modelled:
                fallback.append(a)
        if modelled:
            gazetteer.update(
                (m.text, m.label)
                for ms in found
                for m in ms
                if m.label != "MISC" and _gazetteer_worthy(m.text)
            )
    if fallback and gazetteer:
        _add_gazetteer_hits(fallback, out, gazetteer)
    return out


#: Names shorter than this are not looked up across languages: short words
#: ("Ill", "Lech") match common words of other languages; acronyms excepted.
MIN_GAZETTEER_CHARS = 4


def _gazetteer_worthy(surface: str) -> bool:
    # Acronyms ("GdZ", "AFP") are safe even when short: two capitals make no word.
    return len(surface) >= MIN_GAZETTEER_CHARS or (
        len(surface) == 3 and sum(c.isupper() for c in surface) >= 2
    )


def _add_gazetteer_hits(
    articles: list[Article], out: dict[str, list[list[Mention]]], gazetteer: Counter[tuple[str, str]]
) -> None:
    label_of: dict[str, str] = {}
    for (surface, label), _ in gazetteer.most_common():
        label_of.setdefault(surface, label)  # the label the models gave most often
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(s) for s in sorted(label_of, key=len, reverse=True))
        + r")(?![\w-])"
    )
    for a in articles:
        for si, sentence in enumerate(_article_sentences(a)):
            have = out[a.id][si]
            added = [
                Mention(m.group(0), label_of[m.group(0)], m.start(), m.end())
                for m in pattern.finditer(sentence)
                if not any(m.start() < h.end and h.start < m.end() for h in have)
            ]
            if added:
                out[a.id][si] = sorted([*have, *added], key=lambda x: x.start)


@dataclass
class _Group:
    labels: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    per_article: dict[str, list[str]] = field(default_factory=dict)
    count: int = 0

    def add(self, article: str, surface: str, label: str, n: int = 1) -> None:
        self.labels[label] += n
        self.surfaces[surface] += n
        forms = self.per_article.setdefault(article, [])
        if surface not in forms:
            forms.append(surface)
        self.count += n

    def absorb(self, other: _Group) -> None:
        self.labels.update(other.labels)
        self.surfaces.update(other.surfaces)
        for art, forms in other.per_article.items():
            mine = self.per_article.setdefault(art, [])
            mine.extend(f for f in forms if f not in mine)
        self.count += other.count

    def label(self) -> str:
        return min(self.labels, key=lambda lb: (-self.labels[lb], _LABEL_PRIORITY.get(lb, 9)))


def _display_name(group: _Group, kind: str) -> str:
    def rank(surface: str) -> tuple[int, int, int]:
        multi = 1 if kind == "PER" and len(surface.split()) > 1 else 0
        return (multi, group.surfaces[surface], len(surface))

    return max(group.surfaces, key=rank)


def _owner(groups: dict[str, _Group], key: str, owners: list[str]) -> str | None:
    """The full name a lone name abbreviates: the only candidate, or the one clearly
    most mentioned (at least twice the runner-up) in the articles using the lone name."""
    owners = [o for o in owners if o in groups]
    if len(owners) <= 1:
        return owners[0] if owners else None
    arts = set(groups[key].per_article)

    def weight(o: str) -> int:
        return sum(groups[o].surfaces[f] for a in arts for f in groups[o].per_article.get(a, []))

    ranked = sorted(owners, key=weight, reverse=True)
    return ranked[0] if weight(ranked[0]) >= 2 * max(1, weight(ranked[1])) else None


def build_entities(
    articles: list[Article], *, mentions: dict[str, list[list[Mention]]] | None = None
) -> list[Entity]:
    """Story-level entities of ``articles`` with their surface forms per article, most salient first.

    ``mentions`` are the articles' :func:`sentence_mentions` when the caller has them."""
    groups: dict[str, _Group] = {}
    for aid, per_sentence in (mentions if mentions is not None else sentence_mentions(articles)).items():
        for found in per_sentence:
            for m in found:
                key = entity_key(m.text, m.label)
                if len(key.replace("-", "")) < 2 or _NOT_A_NAME.match(m.text):
                    continue
                groups.setdefault(key, _Group()).add(aid, m.text, m.label)

    # A lone surname ("Merkel", "Rossi") joins the one full name containing it.
    full_names: dict[str, list[str]] = defaultdict(list)
    for key, g in groups.items():
        if "-" in key and g.label() == "PER":
            for tok in key.split("-"):
                full_names[tok].append(key)
    for key in list(groups):
        # spaCy often tags a lone surname ORG or MISC ("Ferrandi a déclaré"); a
        # place stays a place, and names the table knows are never surnames.
        if "-" in key or groups[key].label() == "LOC" or key in _table_labels():
            continue
        owner = _owner(groups, key, full_names.get(key, []))
        if owner is not None:
            groups[owner].absorb(groups.pop(key))

    entities: list[tuple[int, Entity]] = []
    for key, g in groups.items():
        # The table's label beats the model's vote: spaCy calls the Kremlin a place
        # in one sentence and an organisation in the next.
        kind = _table_labels().get(key) or g.label()
        if kind == "MISC" and g.count < MIN_MISC_MENTIONS:
            continue
        salience = ARTICLE_WEIGHT * len(g.per_article) + g.count
        entities.append(
            (salience, Entity(id=f"{kind.lower()}:{key}", name=_display_name(g, kind), kind=kind,
                              mentions=dict(g.per_article)))
        )  # fmt: skip
    entities.sort(key=lambda se: (-se[0], se[1].name))
    return [e for _, e in entities]
