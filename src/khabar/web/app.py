"""The web app and JSON API: ``create_app(db)`` builds it; ``khabar serve`` runs it.

Read-only unless a write token is configured. Pages are rendered on the server with Jinja2
(autoescaping on: article text is data, never markup) and use only the package's own static
folder, so the page makes no outside request.
"""

# No ``from __future__ import annotations`` here: FastAPI reads the endpoints' annotations at
# run time, and ``Request`` is imported inside ``create_app`` (the web extra is optional).

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from .. import query as q
from ..errors import NotFound
from ..search import search as run_search
from ..store import Store
from . import views

# Pages use only this server: no outside script, style, font, image or frame, and no script at all.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none';"
       " frame-ancestors 'none'; connect-src 'self'")


def _templates() -> Any:
    from fastapi.templating import Jinja2Templates

    folder = resources.files("khabar.web").joinpath("templates")
    t = Jinja2Templates(directory=str(folder))
    return t


def create_app(db: str | Path, *, write_token: str | None = None, title: str = "khabar") -> Any:
    """The FastAPI application over the database at ``db``."""
    try:
        from fastapi import FastAPI, Header, HTTPException, Query, Request
        from fastapi.responses import HTMLResponse
        from fastapi.staticfiles import StaticFiles
    except ImportError as e:  # pragma: no cover - depends on the install
        raise ImportError("the web app needs `pip install 'khabar[web]'`") from e

    db = str(db)
    if not Path(db).exists():
        raise NotFound(f"{db}: no such database; run `khabar analyze INPUT --db {db}` first")
    # FastAPI's own /docs and /redoc pages load their scripts from a CDN; ours is served here.
    app = FastAPI(title=f"{title} API", version="1", docs_url=None, redoc_url=None,
                  description="Read-only JSON API over a khabar database. "
                  "Events, their world reactions, entities across scripts, documents and search.")
    templates = _templates()
    static = resources.files("khabar.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @contextmanager
    def store() -> Iterator[Store]:
        s = Store.open(db, create=False)
        try:
            yield s
        finally:
            s.close()

    # Country and organisation names come from the shipped knowledge base: read it once per app.
    parties: list[dict[str, str]] = []

    def party_names(s: Store) -> dict[str, str]:
        if not parties:
            parties.append(q.party_names(s))
        return parties[0]

    def not_found(e: NotFound) -> HTTPException:
        return HTTPException(status_code=404, detail=str(e))

    # -- pages ------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, lang: str | None = None, entity: str | None = None, since: str | None = None,
             until: str | None = None) -> Any:
        with store() as s:
            evs = q.events(s, lang=lang or None, entity=entity or None, since=since or None, until=until or None)
            langs = sorted({r[0] for r in s.rows("SELECT DISTINCT lang FROM documents")})
            n_docs = s.document_count()
        return templates.TemplateResponse(request, "events.html", {
            "events": evs, "langs": langs, "filters": {"lang": lang, "entity": entity, "since": since, "until": until},
            "n_docs": n_docs})

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> Any:
        with store() as s:
            try:
                d = views.dossier(s, event_id, party_names=party_names(s))
            except NotFound as e:
                raise not_found(e) from e
        return templates.TemplateResponse(request, "dossier.html", {**d, "offline": False})

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, hl: str | None = None) -> Any:
        with store() as s:
            try:
                d = q.document(s, doc_id)
            except NotFound as e:
                raise not_found(e) from e
        focus = views.parse_focus(hl, len(d["text"]))
        return templates.TemplateResponse(request, "document.html", {
            "doc": d, "paragraphs": views.highlight(d, focus), "focus": focus,
            "original": views.safe_url(d["url"]), "rtl": d["lang"] in views.RTL, "language": views.LANGUAGE_NAMES.get(d["lang"], d["lang"])})

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> Any:
        return templates.TemplateResponse(request, "api.html", {"endpoints": views.endpoints(app.openapi())})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q_: str = Query("", alias="q")) -> Any:
        with store() as s:
            res = run_search(s, q_) if q_.strip() else None
        return templates.TemplateResponse(request, "search.html", {"q": q_, "results": res})

    # -- JSON API ---------------------------------------------------------------------------
    @app.get("/api/events", tags=["events"])
    def api_events(lang: str | None = None, entity: str | None = None, since: str | None = None,
                   until: str | None = None) -> list[dict[str, Any]]:
        """Events, largest first, filterable by language, entity (any script) and dates."""
        with store() as s:
            return q.events(s, lang=lang, entity=entity, since=since, until=until)

    @app.get("/api/events/{event_id}", tags=["events"])
    def api_event(event_id: str) -> dict[str, Any]:
        """One event with its documents, claims, conflicts and timeline."""
        with store() as s:
            try:
                ev = q.event(s, event_id)
                return {**ev, "documents": q.documents(s, ev["documents"]), "claims": q.claims(s, event=ev["id"]),
                        "conflicts": q.conflicts(s, ev["id"]), "timeline": q.timeline(s, ev["id"])}
            except NotFound as e:
                raise not_found(e) from e

    @app.get("/api/events/{event_id}/reactions", tags=["events"])
    def api_reactions(event_id: str) -> dict[str, Any]:
        """The world-reacts round-up: statements grouped by country or organisation."""
        with store() as s:
            try:
                return q.reactions(s, event_id, names=party_names(s))
            except NotFound as e:
                raise not_found(e) from e

    @app.get("/api/entities", tags=["entities"])
    def api_entities(type: str | None = None, name: str | None = None) -> list[dict[str, Any]]:  # noqa: A002
        """Entities with their English names and every spelling seen; ``name`` matches any script."""
        with store() as s:
            es = q.entities(s, type)
            if name:
                ids = set(q.find_entity_ids(s, name))
                es = [e for e in es if e["id"] in ids]
            return es

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def api_document(doc_id: str) -> dict[str, Any]:
        """One document: clean text, mentions, statements and claims with offsets into the text."""
        with store() as s:
            try:
                return q.document(s, doc_id)
            except NotFound as e:
                raise not_found(e) from e

    @app.get("/api/search", tags=["search"])
    def api_search(q_: str = Query(..., alias="q", min_length=1)) -> dict[str, list[dict[str, Any]]]:
        """Documents, entities, statements and events matching the query in any script."""
        with store() as s:
            return run_search(s, q_)

    if write_token:
        @app.post("/api/documents", tags=["documents"], status_code=201)
        def api_add(record: dict[str, Any], authorization: str = Header("")) -> dict[str, Any]:
            """Analyse one JSONL-style record (title, text or html, url, published, outlet). Needs the token."""
            if not hmac.compare_digest(authorization, f"Bearer {write_token}"):
                raise HTTPException(status_code=401, detail="a valid bearer token is required")
            import json
            import tempfile

            from ..pipeline import analyze

            with tempfile.TemporaryDirectory() as tmp:
                p = Path(tmp) / "record.jsonl"
                p.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
                summary = analyze([str(p)], db)
            return summary.to_dict()

    return app
