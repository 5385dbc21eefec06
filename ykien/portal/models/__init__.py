from ykien.portal.models.articles import Article, ArticlePhoto, ArticleStatus, Tag
from ykien.portal.models.audio import AudioStatus, AudioTrack
from ykien.portal.models.feedback import Feedback, FeedbackStatus
from ykien.portal.models.search import SearchEntry
from ykien.portal.models.views import ViewHit

__all__ = [
    "Article",
    "ArticlePhoto",
    "ArticleStatus",
    "AudioStatus",
    "AudioTrack",
    "Feedback",
    "FeedbackStatus",
    "SearchEntry",
    "Tag",
    "ViewHit",
]
