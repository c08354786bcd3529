"""The per-article stages on a Dask cluster: ``khabar analyze INPUT... --engine dask``.

1. The inputs are cut into partitions: one per file (a WARC file, a feed, an article), and
   plain JSONL files into byte ranges of ``PART_BYTES`` cut at line ends (smaller ranges when
   the input is small, so that every worker has several).
2. Each Dask worker builds the pipeline once (a worker plugin), runs ``article_records`` over
   its partitions and writes each one as a Parquet file itself: results never funnel through
   one process (measured: ``bag.compute()`` gathers every partition on one worker).
3. The writing process reads the Parquet partitions back in input order, each as soon as it
   is done, and consumes them exactly as a single-process run does (corpus stages, store,
   clustering) while the workers go on with the next ones; the store ends up equal to a
   single-process run's on the same input.

A LocalCluster of ``settings.workers`` processes is started unless ``settings.scheduler``
names a running scheduler; then the Parquet folder (``settings.parquet_dir``) must be a path
every worker can write and this process can read (a shared file system).

Needs ``pip install 'khabar[dask]'`` (dask[distributed], pyarrow).
"""

from __future__ import annotations

import itertools
import os
import stat
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..models import RawArticle, Rejection
from ..settings import Settings
from . import Outcome

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["DaskEngine", "Part", "list_parts", "part_bytes", "read_part"]

#: Plain JSONL files larger than this are split into byte ranges of about this size.
PART_BYTES = 64 * 1024 * 1024
#: The smallest byte range worth a task of its own (about 100 articles).
MIN_PART_BYTES = 256 * 1024
#: Partitions per worker slot the cut aims at when the input is small: enough that every
#: worker has work and a slow partition does not leave the others idle at the end.
PARTS_PER_SLOT = 4
_PLUGIN = "khabar-pipeline"


def _need_dask() -> None:
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as e:
        raise ConfigError("the dask engine needs `pip install 'khabar[dask]'` (dask[distributed] and pyarrow)") from e


@dataclass(frozen=True)
class Part:
    """One partition of the input: a file (or a byte range of a JSONL file), or a listing failure."""

    path: str
    source: str
    lo: int = 0
    hi: int = -1
    rejection: Rejection | None = None


def _file_parts(path: Path, source: str, part_bytes: int) -> list[Part]:
    from ..read.files import file_kind

    kind, gz = file_kind(path.name)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if kind != "jsonl" or gz or size <= part_bytes:
        return [Part(str(path), source)]
    cuts = [0]
    with open(path, "rb") as f:
        while cuts[-1] + part_bytes < size:
            f.seek(cuts[-1] + part_bytes)
            f.readline()
            pos = f.tell()
            if pos >= size:
                break
            cuts.append(pos)
    cuts.append(size)
    return [Part(str(path), source, lo, hi) for lo, hi in itertools.pairwise(cuts)]


def _slots(client: Any) -> int:
    """Tasks the cluster runs at once (worker threads); at least 1."""
    try:
        workers = client.scheduler_info().get("workers", {})
        return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))
    except Exception:  # noqa: BLE001 - only a hint for cutting the input
        return 1


def part_bytes(inputs: Sequence[str], slots: int) -> int:
    """The byte range to cut plain JSONL files into: ``PART_BYTES``, or less when the JSONL
    input is small, so that each worker slot gets about ``PARTS_PER_SLOT`` partitions (a 3 MB
    file in 64 MB ranges was one task, and a second worker sat idle)."""
    from ..read.files import file_kind

    total = 0
    for item in inputs:
        p = Path(item)
        files = p.rglob("*") if p.is_dir() else [p]
        for f in files:
            kind, gz = file_kind(f.name)
            if kind == "jsonl" and not gz and f.is_file():
                total += f.stat().st_size
    want = total // max(1, slots * PARTS_PER_SLOT)
    return max(min(MIN_PART_BYTES, PART_BYTES), min(PART_BYTES, want))


def list_parts(inputs: Sequence[str], part_bytes: int = PART_BYTES) -> list[Part]:
    """Partitions of ``inputs`` in the order ``read_inputs`` reads them (folders walked sorted)."""
    from ..read import _URL_RE
    from ..read.files import STAGE, os_reason

    parts: list[Part] = []
    for item in inputs:
        if _URL_RE.match(item):
            raise ConfigError(f"{item}: the dask engine reads files and folders; fetch URLs with --engine local")
        try:
            st = os.stat(item)
        except OSError as e:
            parts.append(Part(item, item, rejection=Rejection(item, STAGE, os_reason(e))))
            continue
        if not stat.S_ISDIR(st.st_mode):
            parts.extend(_file_parts(Path(item), Path(item).name, part_bytes))
            continue
        root = Path(item)
        errors: list[OSError] = []

        def flush(errors: list[OSError] = errors, root: Path = root) -> None:
            for e in errors:
                where = str(e.filename or root)
                parts.append(Part(where, where, rejection=Rejection(where, STAGE, os_reason(e))))
            errors.clear()

        for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
            flush()
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = Path(dirpath, name)
                parts.extend(_file_parts(path, path.relative_to(root).as_posix(), part_bytes))
        flush()
    return parts


def read_part(part: Part, max_bytes: int) -> Iterator[RawArticle | Rejection]:
    """The input items of one partition, as ``read_inputs`` yields them for that stretch."""
    from ..read import _Reader

    if part.rejection is not None:
        yield part.rejection
        return
    if part.hi < 0:
        yield from _Reader(None, max_bytes, False).file(Path(part.path), part.source)
        return
    yield from _jsonl_range(Path(part.path), part.lo, part.hi, max_bytes)


def _jsonl_range(path: Path, lo: int, hi: int, max_bytes: int) -> Iterator[RawArticle | Rejection]:
    """``read_jsonl`` on the lines that start in ``[lo, hi)``, with the file's own line numbers."""
    from ..read.files import STAGE, jsonl_record, os_reason, too_large

    origin = str(path)
    lineno = 0
    try:
        with open(path, "rb") as f:
            pos = 0
            while pos < lo:
                chunk = f.read(min(1 << 20, lo - pos))
                if not chunk:
                    break
                lineno += chunk.count(b"\n")
                pos += len(chunk)
            while f.tell() < hi:
                line = f.readline(max_bytes + 1)
                if not line:
                    break
                lineno += 1
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    yield too_large(f"{origin}:{lineno}", None, max_bytes, "line")
                    while True:
                        rest = f.readline(1 << 20)
                        if not rest or rest.endswith(b"\n"):
                            break
                    continue
                if lineno == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf")
                if line.strip():
                    yield jsonl_record(line, origin, lineno)
    except OSError as e:
        yield Rejection(origin if not lineno else f"{origin}:{lineno + 1}", STAGE, os_reason(e))


def _analyse_part(index: int, part: Part, out_dir: str, batch_size: int, max_bytes: int,
                  factory: Callable[[], Pipeline]) -> tuple[str, int, dict[str, float]]:
    """Runs on a worker: one partition in, one Parquet file out; returns (path, rows, stage seconds)."""
    import time

    import pyarrow as pa
    import pyarrow.parquet as pq

    from . import article_batch
    from .records import to_row

    pipe = None
    try:
        from distributed import get_worker

        plugin = get_worker().plugins.get(_PLUGIN)
        pipe = getattr(plugin, "pipeline", None)
    except (ImportError, ValueError):
        pass
    if pipe is None:
        pipe = factory()
    timer: Counter[str] = Counter()
    rows: dict[str, list[Any]] = {"kind": [], "staged": [], "data": [], "embedding": []}
    it = read_part(part, max_bytes)
    t = time.perf_counter()
    while batch := list(itertools.islice(it, batch_size)):
        timer["read"] += time.perf_counter() - t
        for o in article_batch(batch, pipe, None, timer):
            for k, v in to_row(o).items():
                rows[k].append(v)
        t = time.perf_counter()
    table = pa.table({"kind": pa.array(rows["kind"], pa.string()), "staged": pa.array(rows["staged"], pa.bool_()),
                      "data": pa.array(rows["data"], pa.large_string()),
                      "embedding": pa.array(rows["embedding"], pa.binary())})
    path = os.path.join(out_dir, f"part-{index:06d}.parquet")
    tmp = path + ".tmp"
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return path, table.num_rows, dict(timer)


def read_outcomes(path: str) -> Iterator[Outcome]:
    """The outcomes of one Parquet partition, in order."""
    import pyarrow.parquet as pq

    from .records import from_row

    pf = pq.ParquetFile(path)
    for rb in pf.iter_batches(batch_size=1024):
        for row in rb.to_pylist():
            yield from_row(row)


class DaskEngine:
    """Per-article stages as Dask tasks over partitions, written as Parquet by the workers."""

    def __init__(self, settings: Settings, factory: Callable[[], Pipeline]) -> None:
        _need_dask()
        self.settings = settings
        self.factory = factory

    def _client(self) -> tuple[Any, Any]:
        from distributed import Client, LocalCluster

        if self.settings.scheduler:
            return Client(self.settings.scheduler), None
        cluster = LocalCluster(n_workers=max(1, self.settings.workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster

    def out_dir(self, db: str | os.PathLike[str]) -> Path:
        base = Path(self.settings.parquet_dir) if self.settings.parquet_dir else Path(f"{db}.parts")
        return base / uuid.uuid4().hex[:12]

    def run_parts(self, inputs: Sequence[str], out_dir: Path,
                  batch_size: int) -> Iterator[tuple[str, int, dict[str, float]]]:
        """Analyse every partition on the cluster; yields per partition (parquet path, rows,
        seconds) in input order, each as soon as it and those before it are done, so the
        writing process stores the first partitions while the workers analyse the rest."""
        out_dir.mkdir(parents=True, exist_ok=True)
        client, cluster = self._client()
        try:
            from .dask_worker import PipelinePlugin

            parts = list_parts(inputs, part_bytes(inputs, _slots(client)))
            client.register_plugin(PipelinePlugin(self.factory), name=_PLUGIN)
            futures = [client.submit(_analyse_part, i, p, str(out_dir), batch_size, self.settings.max_file_bytes,
                                     self.factory, key=f"khabar-part-{out_dir.name}-{i}", pure=False)
                       for i, p in enumerate(parts)]
            for f in futures:
                yield f.result()
                f.release()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def outcome_batches(self, inputs: Sequence[str], db: str | os.PathLike[str],
                        batch_size: int) -> Iterator[tuple[list[Outcome], dict[str, float]]]:
        """Replay the partitions' outcomes in input order as they finish, re-cut into the
        batches a single-process run would have made (same reference dates, same order)."""
        out_dir = self.out_dir(db)
        timer: Counter[str] = Counter()

        def stream() -> Iterator[Outcome]:
            for path, _, t in self.run_parts(inputs, out_dir, batch_size):
                timer.update(t)
                yield from read_outcomes(path)

        outcomes = stream()
        while batch := list(itertools.islice(outcomes, batch_size)):
            yield batch, dict(timer)
            timer.clear()
        if not self.settings.parquet_dir:
            import shutil

            shutil.rmtree(out_dir, ignore_errors=True)
            try:
                out_dir.parent.rmdir()
            except OSError:
                pass
