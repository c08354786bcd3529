"""The Dask worker plugin that builds khabar's pipeline once per worker process.

A module of its own because it subclasses ``distributed.WorkerPlugin``: importing it needs
the ``dask`` extra, which ``khabar.engines.dask`` itself (partition listing) does not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin

if TYPE_CHECKING:
    from ..pipeline import Pipeline

NAME = "khabar-pipeline"


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc]
    """Holds the worker's pipeline: models and knowledge base load once, not per partition."""

    name = NAME

    def __init__(self, factory: Callable[[], Pipeline]) -> None:
        self.factory = factory
        self.pipeline: Pipeline | None = None

    def setup(self, worker: Any) -> None:
        self.pipeline = self.factory()

    def teardown(self, worker: Any) -> None:
        self.pipeline = None
