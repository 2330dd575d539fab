"""Public entry points: ``extract`` / ``extract_document``, HTML mode and bad input."""

from __future__ import annotations

import pytest

from storyline.extraction import extract, extract_document, kept_text, learn_furniture
from storyline.extraction.html import looks_like_html
from storyline.types import Line, RawDocument

PAGE = """Le Petit Observateur
Accueil Monde Politique Économie Sport
Publicité
Grève des contrôleurs aériens : des centaines de vols annulés
Par Claire Dumas avec AFP
Publié le 05/06/2025 à 09h12
Plus de 800 vols ont été annulés jeudi dans les aéroports français en raison d'une grève des contrôleurs aériens.
La direction générale de l'aviation civile a demandé aux compagnies de réduire leurs programmes de moitié à Paris.
Les syndicats réclament des recrutements et une revalorisation de leurs primes, selon un communiqué.
Partager
© Le Petit Observateur 2025"""

HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Bridge closed after ship collision - Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2025-02-03T10:00:00Z">
<meta name="author" content="Lena Fox">
<script>var tracking = {"id": 42}; document.write("<p>injected</p>");</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<iframe src="https://ads.example/frame"></iframe>
<article><p class="crumbs">News &gt; Harbour</p><h1>Bridge closed after ship collision</h1>
<p>A cargo ship struck the main span of the harbour bridge early on Monday, forcing the authorities to close it to all traffic for inspection.</p>
<p>No one was injured, the port authority said, but engineers will need several days to assess the damage to the steel structure.</p>
<p>Commuters were advised to use the ferry service, which will run every fifteen minutes until the bridge reopens.</p>
<p>Related stories</p><ul><li>Port traffic hits record high</li><li>Ferry fares to rise in spring</li></ul>
</article>
<footer>Follow us on Twitter and Facebook for the latest harbour news.</footer>
<script src="/app.js"></script></body></html>"""


def test_text_mode_fields() -> None:
    ext = extract(PAGE)
    assert ext.mode == "text"
    assert ext.title == "Grève des contrôleurs aériens : des centaines de vols annulés"
    assert ext.agencies == ["AFP"]
    assert ext.authors == ["Claire Dumas"]
    assert ext.outlet == "Le Petit Observateur"
    assert ext.published == "2025-06-05T09:12" and ext.published_granularity == "time"
    assert ext.language == "fr"
    assert ext.text.startswith(ext.title)
    assert "Partager" not in ext.text and "Publicité" not in ext.text
    assert ext.text.count("\n\n") == 3  # title + three paragraphs
    assert [ln.n for ln in ext.lines] == list(range(1, 12))
    assert ext.reason is None


def test_given_metadata_wins() -> None:
    raw = RawDocument(
        source_id="x",
        origin="x",
        text=PAGE,
        title="Given title",
        outlet="Given outlet",
        published="2025-06-04",
        language="de",
    )
    ext = extract_document(raw)
    assert (ext.title, ext.outlet, ext.published, ext.language) == (
        "Given title",
        "Given outlet",
        "2025-06-04",
        "de",
    )
    assert ext.published_granularity == "day" and ext.published_confidence == 1.0


def test_html_mode_uses_trafilatura_and_metadata() -> None:
    assert looks_like_html(HTML) and not looks_like_html(PAGE)
    ext = extract(HTML)
    assert ext.mode == "html"
    assert ext.title == "Bridge closed after ship collision"
    assert ext.outlet == "Harbour Gazette"
    assert ext.published == "2025-02-03"
    assert "Lena Fox" in ext.authors
    assert "cargo ship struck the main span" in ext.text
    assert "tracking" not in ext.text and "injected" not in ext.text
    assert "Ferry fares to rise in spring" not in ext.text
    assert "News > Harbour" not in ext.text
    assert ext.language == "en"


def test_furniture_memory_used_while_labelling() -> None:
    topics = ["la crue du fleuve", "le marché de Noël", "la nouvelle école"]

    def page(i: int) -> str:
        return (
            "Le Petit Observateur\n"
            f"Titre : {topics[i]}\n"
            f"Il s'est passé quelque chose d'important autour de {topics[i]}, selon la mairie et les témoins.\n"
            f"Le maire a évoqué {topics[i]} en appelant au calme devant le conseil municipal réuni lundi.\n"
            "Recevez nos alertes : l'actualité de votre commune, chaque matin, gratuitement et sans engagement."
        )

    raws = [RawDocument(source_id=str(i), origin=str(i), text=page(i), outlet="obs") for i in range(3)]
    mem = learn_furniture(raws)
    ext = extract_document(raws[0], furniture=mem)
    assert "Recevez nos alertes" not in ext.text
    assert "Il s'est passé quelque chose" in ext.text


def test_kept_text_reading_order_each_paragraph_once() -> None:
    lines = [
        Line(1, "title", "Un titre"),
        Line(2, "body", "Un long paragraphe qui se répète à cause du site, mot pour mot."),
        Line(3, "caption", "Une légende"),
        Line(4, "body", "Un long paragraphe qui se répète à cause du site, mot pour mot."),
        Line(5, "subheading", "Intertitre"),
    ]
    assert kept_text(lines).split("\n\n") == [
        "Un titre",
        "Un long paragraphe qui se répète à cause du site, mot pour mot.",
        "Intertitre",
    ]


@pytest.mark.parametrize("value", ["", "   \n\n  \t", "\x00\x00"])
def test_empty_input(value: str) -> None:
    ext = extract(value)
    assert ext.text == "" and ext.reason


def test_only_furniture() -> None:
    ext = extract(
        "Accueil Monde Sport Culture\nPublicité\nPartager sur Facebook\nCommentaires (0)\n© Le Site 2025"
    )
    assert ext.text == ""
    assert "furniture" in (ext.reason or "")


@pytest.mark.timeout(120)  # a hang guard (catastrophic regex backtracking), not a speed target
def test_five_megabyte_single_line_is_rejected() -> None:
    blob = "A" * 5_000_000
    ext = extract(blob)
    assert ext.text == "" and "characters long" in (ext.reason or "")


def test_mixed_encodings_are_repaired() -> None:
    garbled = "Ã‰lections : le prÃ©sident a rÃ©agi dimanche soir aprÃ¨s la publication des rÃ©sultats."
    page = (
        "Les électeurs ont voté dimanche dans le calme, selon les observateurs de la commission.\n" + garbled
    )
    ext = extract(page)
    assert "Élections : le président a réagi dimanche soir" in ext.text
    assert "Ã" not in ext.text


def test_html_of_scripts_and_iframes_only() -> None:
    html = "<html><head><script>var a = 1;</script></head><body><iframe src='x'></iframe><script>b()</script></body></html>"
    ext = extract(html)
    assert ext.mode == "html" and ext.text == "" and ext.reason


def test_not_a_string() -> None:
    ext = extract(b"bytes")  # type: ignore[arg-type]
    assert ext.text == "" and "string" in (ext.reason or "")


def test_raw_without_content() -> None:
    ext = extract_document(RawDocument(source_id="x", origin="x"))
    assert ext.text == "" and ext.reason == "empty input"
