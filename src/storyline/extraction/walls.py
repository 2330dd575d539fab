"""Pages that are not articles: cookie walls, bot checks, log-in and subscription
walls, ad-blocker notices, "JavaScript required" and error pages.

A scraper that hits one of these saves the wall instead of the article.  Its
lines are furniture wherever they appear (:func:`wall_kind` is one of the
line labeller's content cues), and a page made of little else is rejected
with the wall named (:func:`page_wall`), so the user sees *why* an input was
not stored instead of "no article text".

The phrases are the site's own voice ("we use cookies", "you are blocking
ads", "verify you are human"), in the languages storyline reads; news prose
that talks *about* cookies or robots does not use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["WALL_KINDS", "WALL_WORDS", "wall_kind", "page_wall", "PageWall", "WALL_MAX_KEPT_WORDS"]

#: A page is a wall when its lines other than walls and its headline hold
#: fewer than this many words and the walls hold at least as many.  Bot
#: checks and ad-blocker notices on SemEval-2022 dev pages run 25-60 words
#: and keep at most a 10-word headline or a one-line site name beside them;
#: the shortest real article bodies there run 40+ words.
WALL_MAX_KEPT_WORDS = 30
#: Characters of a wall quoted in a rejection.
QUOTE_CHARS = 80

# (kind, words, anywhere, short lines only or "").  A line is searched for a
# kind only when its first words (the tokens the line labeller reads, one per
# CJK character) include one of the kind's words: a set intersection, where
# searching every pattern on every line cost ~7.5 us a line on the example
# corpus.  The first pattern is the site speaking ("we use
# cookies", "verify you are human") and is furniture on any line; the second
# holds phrases that news prose can also use ("access denied", "cookie
# policy", "page not found") and is trusted only on a line of at most
# MAX_SHORT_WALL_WORDS words, where it is a notice rather than a sentence.
_WALLS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    (
        "cookie wall",
        ("cookie", "cookies", "çerez", "çerezler", "çerezleri", "ملفات"),
        r"\b(?:we|this (?:web)?site|our (?:web)?site)\s+(?:use|uses|is using)\s+(?:\w+\s+){0,3}cookies|"
        r"cookies? (?:must|need to) be enabled|"
        r"nous utilisons des cookies|ce site (?:web )?utilise des cookies|"
        r"wir (?:verwenden|nutzen|setzen)\b.{0,60}cookies|(?:diese|unsere) (?:web)?seite (?:verwendet|nutzt) cookies|"
        r"(?:utilizamos|usamos) cookies|este (?:sitio|site|portal)(?: web)? (?:utiliza|usa) cookies|"
        r"utilizziamo (?:i )?cookie|questo sito (?:web )?(?:utilizza|usa) (?:i )?cookie|"
        r"używamy (?:plików )?cookies?|(?:ta |nasza )?(?:strona|serwis) (?:używa|wykorzystuje|korzysta z) (?:plików )?cookies?|"
        r"(?:мы )?использу(?:ем|ет) (?:файлы )?cookie|wij gebruiken cookies|deze (?:web)?site gebruikt cookies|"
        r"çerez(?:ler)?(?:i|den)? kullanıl|使用\s*cookie|ملفات تعريف الارتباط",
        r"(?:accept|allow|enable) (?:all )?cookies|cookie (?:settings|preferences|consent|policy|notice)|"
        r"cookie-(?:informationen|einstellungen|hinweis|richtlinie)|cookies (?:akzeptieren|zustimmen|zulassen)|"
        r"accepte[rz]? (?:les |tous les )?cookies|aceptar (?:las |todas las )?cookies|accett[ao] (?:i |tutti i )?cookie|"
        r"pliki cookies?|çerez politikası|cookie\s*政策",
    ),
    (
        # A request for consent to data processing, with or without the word
        # "cookie" ("Um die Funktion unserer Website zu verbessern ... sammeln
        # wir technische Informationen", "By continuing you agree to ...").
        "consent notice",
        ("website", "webseite", "site", "sitio", "sito", "сайт", "strony", "verarbeitung", "navigation",
         "navegando", "navigare", "navigazione", "agree", "consent", "akzeptieren", "zustimmen", "zgodę",
         "acceptez", "acepta", "aceptas", "acconsenti", "datenschutzerklärung", "privacy", "confidentialité",
         "privacidad", "continuing", "clicking", "продолжая"),
        r"by (?:clicking|continuing|using)\b[^.]{0,60}\byou (?:agree|consent|accept)|"
        r"you (?:agree|consent) to (?:the|our) (?:use|processing|terms|privacy)|"
        r"to improve (?:the )?(?:functioning|performance|experience) of (?:our|this) (?:web)?site|"
        r"um die funktion unserer (?:web)?(?:seite|site) zu verbessern|(?:stimmen sie|sie stimmen) der verarbeitung|"
        r"(?:akzeptieren|zustimmen) und schlie(?:ß|ss)en|"
        r"en poursuivant (?:votre )?navigation|vous acceptez l['’]utilisation|"
        r"al (?:continuar|seguir) navegando|aceptas? (?:el|su) uso de|"
        r"(?:continuando (?:la |a )?navigare|proseguendo (?:la )?navigazione)|acconsenti all['’]uso|"
        r"wyrażasz zgodę na|продолжая (?:использовать|пользоваться) (?:наш |этот )?сайт",
        r"privacy (?:policy|settings)|datenschutzerklärung|politique de confidentialité|política de privacidad",
    ),
    (
        "ad-blocker notice",
        ("block", "blocking", "blocker", "adblock", "adblocker", "adblocka", "werbeblocker", "bloqueur", "bloqueador",
         "blocco", "reklam", "блокировщик", "блокировщика", "блокировщики", "广", "الإعلانات"),
        r"ad[- ]?block\w*|blocking ads|bloqueur de pub|werbeblocker|"
        r"bloqueador de (?:anuncios|publicidad)|blocco (?:degli )?annunci|blokow\w* reklam|reklam engelleyici|"
        r"блокировщик\w* рекламы|(?:屏蔽|拦截)广告|广告(?:拦截|屏蔽)|مانع الإعلانات",
        "",
    ),
    (
        "bot check",
        ("captcha", "recaptcha", "robot", "robotem", "roboter", "human", "humain", "browser", "traffic", "ip",
         "connections", "requests", "mensch", "ungewöhnlichen", "ungewöhnliche", "połączeń", "робот", "трафик",
         "验", "机"),
        r"captcha|(?:verify|confirm|prove) (?:that )?you(?:'re| are) (?:a )?human|are you a robot|not a robot|"
        r"checking your browser|unusual traffic from|too many requests|huge amount of connections|"
        r"from the ip address you|je ne suis pas un robot|vous (?:êtes|etes) (?:un )?humain|kein roboter|"
        r"sind sie ein mensch|ungewöhnliche[nr]? (?:datenverkehr|zugriffe)|no soy un robot|non sono un robot|"
        r"nie jestem robotem|z adresu ip|(?:ilość|ilości|liczbę) połączeń|я не робот|подозрительный трафик|"
        r"robot olmadığ|人机验证|验证码|您是机器人",
        "",
    ),
    (
        "log-in wall",
        ("log", "logged", "logging", "sign", "signed", "account", "registration", "connectez", "connecter",
         "melden", "sesión", "accedi", "zaloguj", "войдите", "giriş", "登", "请", "تسجيل"),
        r"(?:log|sign) in to (?:continue|read|view|comment|access)|please (?:log|sign) in|"
        r"you must be (?:logged|signed) in|by logging in|create (?:an|your) (?:free )?account to|"
        r"registration on or use of this site|connectez-vous pour|veuillez vous connecter|"
        r"melden sie sich an, um|bitte melden sie sich an|inicia sesión para|accedi per|zaloguj się, aby|"
        r"войдите,? чтобы|giriş yapmalısınız|请登录",
        r"تسجيل الدخول",
    ),
    (
        "subscription wall",
        ("subscribe", "subscriber", "subscribers", "subscription", "abonnés", "abonné", "abonnez", "abonnenten",
         "suscriptores", "abbonati", "prenumeratorów", "подписчиков", "abonelere", "订", "المشتركين", "للمشتركين"),
        r"subscribe to (?:continue|read|unlock|keep reading)|(?:for|to) subscribers only|"
        r"already a subscriber|purchase a subscription|"
        r"réservé aux abonnés|abonnez-vous pour (?:lire|continuer)|déjà abonné|nur für abonnenten|"
        r"exclusivo para suscriptores|riservato agli abbonati|tylko dla prenumeratorów|только для подписчиков|"
        r"abonelere özel|订阅者|购买订阅|订户帐户|للمشتركين فقط",
        r"subscribers? only",
    ),
    (
        "JavaScript required",
        ("javascript",),
        r"(?:enable|turn on|activate) javascript|javascript (?:is )?(?:disabled|required|must be enabled)|"
        r"activ(?:er|ez) (?:le )?javascript|javascript (?:aktivieren|einschalten)|"
        r"(?:habilita|activa) (?:el )?javascript|abilita(?:re)? javascript|włącz javascript|"
        r"включите javascript|javascript'?i etkinleştir|启用\s*javascript",
        "",
    ),
    (
        "error page",
        ("404", "found", "introuvable", "existe", "gefunden", "encontrada", "trovata", "istnieje", "znaleziona",
         "найдена", "bulunamadı", "页", "الصفحة", "denied", "forbidden", "error", "unavailable", "exist", "exists",
         "available"),
        r"(?:error|erreur|fehler|errore) 404|404 (?:error|not found|page)|"
        r"the page you (?:are looking for|requested|were looking for) (?:does not|doesn't|could not|cannot|no longer)|"
        r"(?:this|the) page (?:does not|doesn't|no longer) exists?|"
        r"cette page n'existe pas|seite (?:wurde )?nicht gefunden|página no encontrada|"
        r"pagina non trovata|strona nie (?:istnieje|została znaleziona)|страница не найдена|sayfa bulunamadı|"
        r"找不到(?:该)?页面|页面不存在|الصفحة غير موجودة",
        r"^\W*404\b|page (?:not found|cannot be found|could not be found)|page introuvable|"
        r"(?:article|page) (?:is )?no longer available|access denied|403 forbidden|internal server error|"
        r"service (?:temporarily )?unavailable",
    ),
)
WALL_KINDS = tuple(kind for kind, _, _, _ in _WALLS)
_COMPILED = {
    kind: (re.compile(r"(?i)" + anywhere), re.compile(r"(?i)" + short) if short else None)
    for kind, _, anywhere, short in _WALLS
}
_KINDS_OF_WORD: dict[str, tuple[str, ...]] = {}
for _kind, _words, _, _ in _WALLS:
    for _w in _words:
        _KINDS_OF_WORD[_w] = (*_KINDS_OF_WORD.get(_w, ()), _kind)
#: Words that make a line worth searching for walls (see _WALLS).
WALL_WORDS: frozenset[str] = frozenset(_KINDS_OF_WORD)
#: Lines longer than this (words) are not walls: notices are a few sentences.
MAX_WALL_LINE_WORDS = 120
#: A phrase news prose also uses is a notice only on a line this short
#: ("Access denied", "Page not found - Example News").
MAX_SHORT_WALL_WORDS = 8


def wall_kind(text: str, n_words: int, words: Iterable[str]) -> str | None:
    """The kind of wall a line of ``n_words`` words belongs to, or None.

    ``words`` are the line's lower-cased tokens (its first ones suffice)."""
    if n_words > MAX_WALL_LINE_WORDS:
        return None
    kinds = {k for w in WALL_WORDS.intersection(words) for k in _KINDS_OF_WORD[w]}
    for kind in WALL_KINDS:  # (in a fixed order, so the answer does not depend on set order)
        if kind not in kinds:
            continue
        anywhere, short = _COMPILED[kind]
        if anywhere.search(text) is not None or (
            short is not None and n_words <= MAX_SHORT_WALL_WORDS and short.search(text) is not None
        ):
            return kind
    return None


@dataclass(slots=True, frozen=True)
class PageWall:
    kind: str
    quote: str

    def reason(self) -> str:
        return f"not an article ({self.kind}): {self.quote!r}"


def page_wall(
    wall_lines: Sequence[tuple[str, str, int]], kept_words_besides_title: int
) -> PageWall | None:
    """Whether a page is a wall: ``wall_lines`` are (kind, text, words) of its
    wall lines; ``kept_words_besides_title`` counts the words it would keep
    other than its headline."""
    wall_words = sum(n for _, _, n in wall_lines)
    if not wall_lines or kept_words_besides_title >= WALL_MAX_KEPT_WORDS or wall_words < kept_words_besides_title:
        return None
    kinds = [k for k, _, _ in wall_lines]
    kind = max(dict.fromkeys(kinds), key=kinds.count)  # the commonest, the first on a tie
    text = next(t for k, t, _ in wall_lines if k == kind).strip()
    quote = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"
    return PageWall(kind, quote)
