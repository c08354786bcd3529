"""khabar: offline news intelligence for people who follow events across languages.

The public surface is small: ``analyze`` runs the pipeline into a store, ``export`` reads the
JSON contract back, and the records in ``khabar.models`` are what every stage passes on.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ConfigError, InputError, KhabarError, NotFound, PipelineError, StoreError
from .models import (
    Analysis,
    Claim,
    DatedEvent,
    Document,
    Entity,
    Mention,
    Paragraph,
    RawArticle,
    Rejection,
    Statement,
)
from .pipeline import Pipeline, RunSummary, analyze
from .settings import Settings, load_settings
from .store import Store

__all__ = [
    "__version__", "analyze", "Pipeline", "RunSummary", "Settings", "load_settings", "Store",
    "Analysis", "Claim", "DatedEvent", "Document", "Entity", "Mention", "Paragraph", "RawArticle",
    "Rejection", "Statement",
    "KhabarError", "ConfigError", "InputError", "NotFound", "PipelineError", "StoreError",
]
