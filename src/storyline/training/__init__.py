"""Fitting the weights storyline ships: the clustering pair scorer
(:mod:`.scorer`, on the corpora of :mod:`.corpora`) and the similarity
read-out (:mod:`.similarity`).  Run by hand (``python -m storyline.training``)
and by the held-out evaluations, which refit per fold; no stage imports it.
"""
