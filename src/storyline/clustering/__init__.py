"""Stories: online multilingual clustering of articles into events and storylines.

``article_features`` turns an article and its embedding into the cheap
features the clusterer reads; ``OnlineClusterer`` assigns streamed articles
to events with stable ids and links events into storylines; ``similarity``
scores how much two texts tell the same story.
"""

from storyline.clustering.features import ArticleFeatures, article_features
from storyline.clustering.online import Assignment, OnlineClusterer
from storyline.clustering.state import EventState, StorylineState

__all__ = [
    "ArticleFeatures",
    "article_features",
    "Assignment",
    "OnlineClusterer",
    "EventState",
    "StorylineState",
]
