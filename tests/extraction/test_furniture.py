"""Cross-document furniture memory."""

from __future__ import annotations

import json

from storyline.extraction import learn_furniture
from storyline.extraction.furniture import FurnitureMemory
from storyline.extraction.lines import line_key
from storyline.types import RawDocument

MASTHEAD = "Le Courrier du Val"
APPEAL = "Soutenez une presse locale indépendante : chaque contribution compte pour notre rédaction."


def story(i: int) -> list[str]:
    topics = ["la crue de la rivière", "le budget municipal", "la fermeture de l'usine", "le festival d'été"]
    return [
        MASTHEAD,
        f"Titre numéro {i} sur {topics[i % 4]}",
        f"Le conseil a débattu de {topics[i % 4]} pendant la séance numéro {i}, devant un public nombreux.",
        f"Les élus se retrouveront le mois prochain pour un vote définitif sur {topics[i % 4]} ({i}).",
        APPEAL,
    ]


def test_recurring_lines_of_one_outlet_are_furniture() -> None:
    mem = FurnitureMemory().learn(("courrier", story(i)) for i in range(4))
    assert mem.is_furniture(line_key(APPEAL), "courrier")
    assert mem.is_furniture(line_key(MASTHEAD), "Courrier")  # outlet names are case-folded
    assert not mem.is_furniture(line_key(story(0)[2]), "courrier")
    assert not mem.is_furniture(line_key(APPEAL), "another outlet")


def test_copies_of_one_wire_story_are_not_furniture() -> None:
    wire = [
        "Un séisme de magnitude 6 a frappé la côte dans la nuit, sans faire de victimes selon les secours.",
        "Les habitants ont passé la nuit dehors par crainte de répliques, a constaté un correspondant.",
    ]
    # The same dispatch published by one outlet three times (with updates):
    # its lines recur but it is one story.
    docs = [("journal", [f"Mise à jour {i}", *wire]) for i in range(3)]
    mem = FurnitureMemory().learn(docs)
    assert not any(mem.is_furniture(line_key(t), "journal") for t in wire)


def test_two_articles_are_not_enough() -> None:
    mem = FurnitureMemory().learn(("courrier", story(i)) for i in range(2))
    assert len(mem) == 0


def test_memory_accumulates_across_batches_and_round_trips() -> None:
    mem = FurnitureMemory().learn(("courrier", story(i)) for i in range(2))
    restored = FurnitureMemory.from_dict(json.loads(json.dumps(mem.to_dict())))
    restored.learn([("courrier", story(2))])
    assert restored.is_furniture(line_key(APPEAL), "courrier")


def test_from_dict_rejects_garbage() -> None:
    try:
        FurnitureMemory.from_dict({"furniture": ["not", "a", "mapping"]})
    except ValueError as exc:
        assert "furniture" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_unknown_outlet_grouped_by_site_fingerprint() -> None:
    raws = [RawDocument(source_id=str(i), origin=str(i), text="\n".join(story(i))) for i in range(4)]
    mem = learn_furniture(raws)
    assert mem.is_furniture(line_key(APPEAL))
    assert not mem.is_furniture(line_key(story(1)[2]))
