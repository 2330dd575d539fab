from __future__ import annotations

import numpy as np

from storyline.clustering.model import Profile
from storyline.clustering.storylines import best_storyline, storyline_affinity
from storyline.nlp.encoder import DIM


def prof(axis_mix: float, ents: dict[str, int], n: int = 3) -> Profile:
    v = np.zeros(DIM, dtype=np.float32)
    v[0], v[1] = 1.0, axis_mix
    return Profile(n=n, centroid=v / np.linalg.norm(v), entities=ents)


def test_links_to_storyline_of_event_with_shared_actors() -> None:
    denial = prof(0.2, {"kremlin": 3, "kor": 3, "piongiang": 2})
    other_matter = prof(0.1, {"lohan": 3, "beti ford": 2})
    confirmation = prof(0.3, {"kremlin": 2, "kor": 3, "kursk": 2})
    cos, ent = storyline_affinity(confirmation, denial)
    assert cos > 0.9 and ent > 0.3
    cands = [(1, 7, other_matter, float(confirmation.centroid @ other_matter.centroid)),
             (2, 5, denial, float(confirmation.centroid @ denial.centroid))]  # fmt: skip
    assert best_storyline(confirmation, cands) == 5


def test_no_link_without_shared_entities_or_when_unlinked() -> None:
    a = prof(0.2, {"lohan": 3})
    b = prof(0.2, {"reid": 3})
    assert best_storyline(a, [(1, 4, b, 0.99)]) is None
    # storyline 0 = an event of the same batch not linked yet: never a target
    assert best_storyline(a, [(1, 0, prof(0.2, {"lohan": 3}), 0.99)]) is None
    # too far apart in content
    assert best_storyline(a, [(1, 4, prof(0.2, {"lohan": 3}), 0.2)]) is None
