"""Throughput of text-mode extraction on synthetic 600-word scraped pages.

    python benchmarks/bench_extraction.py [--n 2000]

Pages are generated here (a masthead, a menu, a byline, a caption printed
twice, ~600 words of body in 12 paragraphs, share widgets, related headlines,
a comment box), so the run needs no data.  Reports articles/s on one core for
line labelling + metadata (``extract_document`` with the input's language
given) and for the full call (language identified on the kept text), each as
a ratio of the text-mode target (:data:`TARGET_PER_S`).  For reference it also
times plain ``trafilatura.extract`` on the same pages wrapped in minimal HTML
(one ``<p>`` per line) on a sample of :data:`TRAFILATURA_SAMPLE` pages.
"""

from __future__ import annotations

import argparse
import html
import random
import time

from storyline.extraction import extract_document
from storyline.extraction.lines import _cached_info
from storyline.types import RawDocument

#: The issue's throughput target for text mode: articles/s on one core for
#: ~600-word articles.
TARGET_PER_S = 2000
#: Pages given to trafilatura for the reference timing: it is several times
#: slower (~470 pages/s on these pages), so a sample keeps the run short.
TRAFILATURA_SAMPLE = 200

_WORDS = [
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "gouvernement",
    "ministre",
    "conseil",
    "ville",
    "région",
    "habitants",
    "selon",
    "a",
    "déclaré",
    "mardi",
    "lundi",
    "projet",
    "budget",
    "millions",
    "euros",
    "réforme",
    "syndicats",
    "grève",
    "accord",
    "négociations",
    "police",
    "enquête",
    "tribunal",
    "élus",
    "maire",
    "président",
    "entreprise",
    "usine",
    "emplois",
    "salariés",
    "hausse",
    "baisse",
    "prix",
    "électricité",
    "transport",
    "dans",
    "pour",
    "avec",
    "sur",
    "après",
    "avant",
    "depuis",
    "entre",
    "contre",
    "plus",
    "moins",
    "très",
    "aussi",
    "encore",
    "déjà",
    "toujours",
]


def page(rng: random.Random, i: int) -> str:
    def sentence(n: int) -> str:
        words = [rng.choice(_WORDS) for _ in range(n)]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    paras = [" ".join(sentence(rng.randint(12, 20)) for _ in range(3)) for _ in range(12)]
    caption = sentence(10)
    return "\n".join(
        [
            "Le Quotidien Synthétique",
            "Accueil Monde Politique Économie Sport Culture",
            "Publicité",
            "",
            f"Titre de l'article numéro {i} sur le budget",
            "",
            sentence(20),
            "Par Jeanne Martin avec AFP",
            "Publié le 11/03/2025 à 14h05",
            caption,
            caption[:-1] + " (Photo Paul Durand / AFP)",
            "Partager sur Facebook",
            "",
            *[p + "\n" for p in paras],
            "À lire aussi",
            "Un autre titre sur la grève des transports",
            "Commentaires (3)",
            "Connectez-vous pour commenter",
            "© Le Quotidien Synthétique 2025",
        ]
    )


def minimal_html(text: str) -> str:
    """A page as the simplest HTML a scraper could have saved: one paragraph per line."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def time_trafilatura(pages: list[str]) -> str:
    try:
        import trafilatura
    except ImportError:  # an optional reference, not a dependency of the benchmark
        return "trafilatura not installed"
    docs = [minimal_html(p) for p in pages]
    trafilatura.extract(docs[0])  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        trafilatura.extract(d)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return f"{len(docs) / cpu:8.0f} articles/s per core (CPU time), {len(docs) / wall:8.0f} wall ({len(docs)} pages)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    rng = random.Random(7)
    pages = [page(rng, i) for i in range(args.n)]
    words = sum(len(p.split()) for p in pages) / len(pages)
    for label, lang in (("labelling + metadata", "fr"), ("full (with language id)", None)):
        raws = [
            RawDocument(source_id=str(i), origin="bench", text=p, language=lang) for i, p in enumerate(pages)
        ]
        extract_document(raws[0])  # warm up (regex compilation, language model load)
        # Start each measurement with an empty line cache: short lines that
        # recur across pages (menus, widgets) are cached during the run, as
        # they would be on any outlet's stream; captions and paragraphs are not.
        _cached_info.cache_clear()
        t0, c0 = time.perf_counter(), time.process_time()
        for r in raws:
            extract_document(r)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        # CPU time is what one core spends; wall time also counts waiting for
        # the core on a busy machine.
        print(
            f"{label:<26} {len(raws) / cpu:8.0f} articles/s per core (CPU time), {len(raws) / wall:8.0f} wall "
            f"({words:.0f} words/page, {len(raws)} pages); {len(raws) / cpu / TARGET_PER_S:.2f}x the "
            f"{TARGET_PER_S:,}/s target"
        )
    print(f"{'trafilatura.extract':<26} {time_trafilatura(pages[:TRAFILATURA_SAMPLE])} (reference)")


if __name__ == "__main__":
    main()
