"""The ``khabar`` command: a thin shell over library functions.

Library errors become one-line messages here; exit status is 0 when all went well, 1 when
some inputs failed (each reported), 2 on a usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import KhabarError, NotFound

DB_HELP = "SQLite database file (created if missing), or a postgresql:// URL."


def _fail(msg: str, code: int = 2) -> None:
    click.echo(f"khabar: {msg}", err=True)
    sys.exit(code)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NotFound as e:
            _fail(str(e), 2)
        except KhabarError as e:
            _fail(str(e), 2)


def emit(data: Any, as_json: bool, table: list[tuple[str, ...]] | None = None, headers: tuple[str, ...] = ()) -> None:
    """JSON on request, else an aligned plain-text table."""
    if as_json or table is None:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
        return
    rows = [headers, *table] if headers else table
    if not rows:
        return
    widths = [min(60, max(len(str(r[i])) for r in rows)) for i in range(len(rows[0]))]
    for j, r in enumerate(rows):
        click.echo("  ".join(_cut(str(c), widths[i]).ljust(widths[i]) for i, c in enumerate(r)).rstrip())
        if j == 0 and headers:
            click.echo("  ".join("-" * w for w in widths))


def _cut(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="khabar")
def cli() -> None:
    """khabar: follow a news event across Arabic, Persian, English and Russian sources.

    Start with `khabar analyze FOLDER`, then `khabar events`, `khabar reactions EVENT`,
    `khabar conflicts EVENT`, `khabar serve` or `khabar report EVENT --out dossier.html`.
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default="khabar.db", show_default=True, help=DB_HELP)
@click.option("--config", type=click.Path(dir_okay=False), help="YAML settings file (see docs/settings.md).")
@click.option("--kb", "kb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra knowledge-base YAML file(s) with your own people, organisations or places.")
@click.option("--no-embed", is_flag=True, help="Cluster without the multilingual embedding model (entities and time only).")
@click.option("--workers", type=int, default=None,
              help="Worker processes for per-article stages (a process pool; with --engine dask, LocalCluster workers).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="Where per-article stages run: this machine (default) or a Dask cluster (pip install 'khabar[dask]').")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Address of a running Dask scheduler (tcp://host:8786); default: a LocalCluster. Implies --engine dask.")
@click.option("--parquet", "parquet_dir", default=None, type=click.Path(file_okay=False),
              help="With --engine dask: folder for the Parquet partitions, reachable by every worker (kept after the run).")
@click.option("--quiet", "-q", is_flag=True, help="No summary, only errors.")
def analyze(inputs: tuple[str, ...], db: str, config: str | None, kb_files: tuple[str, ...], no_embed: bool,
            workers: int | None, engine: str | None, scheduler: str | None, parquet_dir: str | None,
            quiet: bool) -> None:
    """Read INPUTS (folders, files, JSONL, RSS/Atom, WARC, URLs), run every stage, store the results.

    --db also takes a PostgreSQL URL (postgresql://user@host/dbname; pip install 'khabar[postgres]').
    """
    from ..pipeline import analyze as run_analyze
    from ..settings import load_settings

    if scheduler and engine is None:
        engine = "dask"
    settings = load_settings(config, kb_files=kb_files or None, workers=workers,
                             embedder="none" if no_embed else None, engine=engine, scheduler=scheduler,
                             parquet_dir=parquet_dir)

    def report(r: Any) -> None:
        click.echo(f"khabar: skipped {r.origin}: {r.reason}", err=True)

    s = run_analyze(list(inputs), db, settings, on_rejection=report)
    if not quiet:
        langs = ", ".join(f"{k} {v}" for k, v in sorted(s.by_language.items(), key=lambda kv: -kv[1])) or "none"
        click.echo(f"read {s.read} documents in {s.seconds:.1f}s: {s.stored} new, {s.unchanged} already stored, "
                   f"{s.near_duplicates} near-duplicates linked")
        click.echo(f"languages: {langs}")
        if s.events:
            click.echo(f"events: {s.events}")
        click.echo(f"rejected: {len(s.rejected)}")
        for r in s.rejected[:20]:
            click.echo(f"  {r.origin}: {r.reason}")
        if len(s.rejected) > 20:
            click.echo(f"  ... and {len(s.rejected) - 20} more (khabar runs --db {db})")
        where = db if "://" in db else Path(db).resolve()
        click.echo(f"results: {where}  (khabar export --db {db} --out export.json)")
    sys.exit(0 if s.ok else 1)


@cli.command("export")
@click.option("--db", default="khabar.db", show_default=True, help=DB_HELP)
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def export_cmd(db: str, out: str | None) -> None:
    """Write the JSON export (documents, entities, mentions, statements, claims, events, conflicts)."""
    from ..export import export
    from ..store import Store

    with Store.open(db, create=False) as store:
        data = export(store)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {out}: " + ", ".join(f"{len(data[k])} {k}" for k in data), err=True)
    else:
        click.echo(text)


@cli.command()
@click.option("--db", default="khabar.db", show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def runs(db: str, as_json: bool) -> None:
    """List the runs stored in the database, with their settings' stage versions and rejections."""
    from ..store import Store

    with Store.open(db, create=False) as store:
        rs = store.runs()
        rej = store.rows("SELECT run, origin, stage, reason FROM rejections")
    data = [{**r, "rejections": [dict(x) for x in rej if x["run"] == r["id"]]} for r in rs]
    emit(data, as_json, [(r["id"], r["started"], r["status"], str(len(r["rejections"]))) for r in data],
         ("run", "started", "status", "rejected"))


def _register() -> None:
    """Commands of the later stages live next to their library code."""
    from . import commands  # noqa: F401


_register()


def main() -> None:
    cli(prog_name="khabar")


if __name__ == "__main__":
    main()
