"""Query commands over a stored corpus: thin wrappers around ``khabar.query``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from .. import query as q
from ..store import Store
from .main import DB_HELP, cli, emit

db_option = click.option("--db", default="khabar.db", show_default=True, help=DB_HELP)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


@contextmanager
def _store(db: str) -> Iterator[Store]:
    with Store.open(db, create=False) as s:
        yield s


@cli.command("events")
@db_option
@json_option
@click.option("--lang", help="Only events with articles in this language (ar, fa, en, ...).")
@click.option("--entity", help="Only events mentioning this entity (any script).")
@click.option("--since", help="Only events seen on or after this ISO date.")
@click.option("--until", help="Only events seen on or before this ISO date.")
def events_cmd(db: str, as_json: bool, lang: str | None, entity: str | None, since: str | None,
               until: str | None) -> None:
    """List events: title, number of documents, languages, dates."""
    with _store(db) as s:
        evs = q.events(s, lang=lang, entity=entity, since=since, until=until)
    emit(evs, as_json, [(e["id"], e["title"], str(len(e["documents"])), ",".join(e["languages"]),
                         f"{e.get('first_seen') or '?'}..{e.get('last_seen') or '?'}") for e in evs],
         ("event", "title", "docs", "languages", "dates"))


@cli.command("event")
@click.argument("event_id", required=False)
@db_option
@json_option
def event_cmd(event_id: str | None, db: str, as_json: bool) -> None:
    """Show one event (the largest when EVENT_ID is omitted): documents, entities, reactions, conflicts."""
    with _store(db) as s:
        ev = q.event(s, event_id)
        docs = q.documents(s, ev["documents"])
        names = q.entity_names(s)
        data = {**ev, "documents": docs,
                "entities": [{"id": e, **names.get(e, {})} for e in ev["entities"]],
                "conflicts": q.conflicts(s, ev["id"])}
    if as_json:
        emit(data, True)
        return
    click.echo(f"{ev['title']}  [{ev['id']}]")
    click.echo(f"{ev.get('first_seen')} .. {ev.get('last_seen')}  languages: {', '.join(ev['languages'])}")
    click.echo("entities: " + ", ".join(e.get("name") or e["id"] for e in data["entities"]))
    click.echo("")
    emit(docs, False, [(d["id"], d["lang"], d.get("published") or "", d.get("outlet") or "", d.get("title") or "")
                       for d in docs], ("document", "lang", "published", "outlet", "title"))
    for c in data["conflicts"]:
        click.echo(f"\nconflict: {c['property']} of {c['subject']}: "
                   + " vs ".join(f"{v['value']} ({len(v['claims'])} claim(s))" for v in c["values"]))


@cli.command("entities")
@db_option
@json_option
@click.option("--type", "type_", type=click.Choice(["PER", "ORG", "GPE", "LOC"]), help="Only this type.")
@click.option("--limit", default=50, show_default=True, help="Rows in the table (JSON has all).")
def entities_cmd(db: str, as_json: bool, type_: str | None, limit: int) -> None:
    """List entities: English name, type, counts and the spellings seen."""
    with _store(db) as s:
        es = q.entities(s, type_)
    emit(es, as_json, [(e["name"], e["type"], e.get("affiliation") or "", str(e["mentions"]), str(e["documents"]),
                        " | ".join(sorted({a["text"] for a in e["aliases"]}))) for e in es[:limit]],
         ("name", "type", "aff", "mentions", "docs", "spellings"))


@cli.command("entity")
@click.argument("name")
@db_option
@json_option
def entity_cmd(name: str, db: str, as_json: bool) -> None:
    """Show one entity by name in any script: spellings, documents, roles, statements."""
    with _store(db) as s:
        e = q.entity(s, name)
    if as_json:
        emit(e, True)
        return
    click.echo(f"{e['name']}  ({e['type']}, {e.get('affiliation') or '-'}, {e.get('kb_id') or 'not in KB'})")
    click.echo("spellings: " + " | ".join(sorted({f"{a['text']} [{a['lang']}]" for a in e["aliases"]})))
    if e["roles"]:
        click.echo("roles: " + ", ".join(e["roles"]))
    click.echo(f"documents ({len(e['documents'])}):")
    for d in e["documents"]:
        click.echo(f"  {d['id']}  {d['lang']}  {d.get('published') or ''}  {d.get('title') or ''}")
    for st in e["statements"]:
        click.echo(f"  [{st['stance']}] {st['quote'][:100]}")


@cli.command("statements")
@db_option
@json_option
@click.option("--speaker", help="Speaker name in any script (Tokayev, توکایف, Токаев).")
@click.option("--stance", type=click.Choice(q.STANCES), help="Only this stance.")
@click.option("--event", "event_id", help="Only statements of this event.")
@click.option("--lang", help="Only statements in documents of this language.")
def statements_cmd(db: str, as_json: bool, speaker: str | None, stance: str | None, event_id: str | None,
                   lang: str | None) -> None:
    """Who said what: speaker, affiliation, stance, target and the quote, with filters."""
    with _store(db) as s:
        if event_id:
            event_id = q.event(s, event_id)["id"]
        st = q.statements(s, speaker=speaker, stance=stance, event=event_id, lang=lang)
    emit(st, as_json, [(x.get("speaker_name") or x.get("speaker_text") or "", x.get("speaker_affiliation") or "",
                        x["stance"], x.get("target_name") or "", x["lang"], x["quote"]) for x in st],
         ("speaker", "aff", "stance", "target", "lang", "quote"))


@cli.command("reactions")
@click.argument("event_id", required=False)
@db_option
@json_option
def reactions_cmd(event_id: str | None, db: str, as_json: bool) -> None:
    """The "world reacts" round-up of an event, grouped by country and organisation."""
    with _store(db) as s:
        r = q.reactions(s, event_id)
    if as_json:
        emit(r, True)
        return
    click.echo(r["event"]["title"])
    for g in r["groups"]:
        click.echo(f"\n{g['name']} ({g['party']})")
        for st in g["statements"]:
            click.echo(f"  - {st['line']}")
            click.echo(f"    «{' '.join(st['quote'].split())[:160]}»  [{st['source']}:{st['start']}-{st['end']}]")


@cli.command("claims")
@click.argument("event_id", required=False)
@db_option
@json_option
def claims_cmd(event_id: str | None, db: str, as_json: bool) -> None:
    """Numbers and dates reported in an event's articles, with what they count and where."""
    with _store(db) as s:
        ev = q.event(s, event_id)
        cs = q.claims(s, event=ev["id"])
    emit(cs, as_json, [(c["property"], str(c["value"]), c.get("qualifier") or "", c.get("subject") or "",
                        c["source"], c["evidence"]) for c in cs],
         ("property", "value", "qualifier", "subject", "source", "evidence"))


@cli.command("conflicts")
@click.argument("event_id", required=False)
@db_option
@json_option
def conflicts_cmd(event_id: str | None, db: str, as_json: bool) -> None:
    """Figures the sources disagree on, each value with who reported it."""
    with _store(db) as s:
        cs = q.conflicts(s, event_id)
    if as_json:
        emit(cs, True)
        return
    if not cs:
        click.echo("no conflicting figures")
    for c in cs:
        click.echo(f"{c['property']} — {c['subject']}")
        for v in c["values"]:
            for src in v["sources"]:
                click.echo(f"  {str(v['value']):>14}  {src['source']} ({src['lang']}): {src['evidence']}")


@cli.command("timeline")
@click.argument("event_id", required=False)
@db_option
@json_option
def timeline_cmd(event_id: str | None, db: str, as_json: bool) -> None:
    """Dated happenings and statements of an event, oldest first."""
    with _store(db) as s:
        t = q.timeline(s, event_id)
    emit(t, as_json, [(x["date"], x["kind"], x["lang"], x["text"] if x["kind"] == "statement" else x["sentence"])
                      for x in t], ("date", "kind", "lang", "what"))


@cli.command("report")
@click.argument("event_id", required=False)
@db_option
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
def report_cmd(event_id: str | None, db: str, out: str) -> None:
    """Write one self-contained HTML dossier of an event (the largest when EVENT_ID is omitted)."""
    from ..report import write_report

    p = write_report(db, event_id, out)
    click.echo(f"dossier: {p}")


@cli.command("search")
@click.argument("text")
@db_option
@json_option
def search_cmd(text: str, db: str, as_json: bool) -> None:
    """Find events, entities, statements and documents matching TEXT in any script."""
    from ..search import search

    with _store(db) as s:
        r = search(s, text)
    emit(r, as_json, [(k[:-1], x["id"], x.get("lang") or "", x.get("title") or "") for k in r for x in r[k]],
         ("kind", "id", "lang", "title"))


@cli.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--write-token", envvar="KHABAR_WRITE_TOKEN", help="Enable POST /api/documents with this bearer token.")
def serve_cmd(db: str, host: str, port: int, write_token: str | None) -> None:
    """Serve the web app and JSON API (docs at /docs) over the database."""
    try:
        import uvicorn
    except ImportError as e:
        raise click.ClickException("the web app needs `pip install 'khabar[web]'`") from e
    from ..web.app import create_app

    app = create_app(db, write_token=write_token)
    click.echo(f"khabar: serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
