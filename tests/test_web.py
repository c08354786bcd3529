"""The web app and JSON API, in process; the offline report."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

from khabar import analyze
from khabar.report import write_report

from .conftest import DEMO

fastapi = pytest.importorskip("fastapi")
with warnings.catch_warnings():
    # Starlette >= 1.x prefers the httpx2 package for its test client and warns when it finds httpx.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from khabar.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("web") / "k.db"
    analyze([DEMO], db, pipeline=pipeline)
    return db


@pytest.fixture(scope="module")
def client(demo_db):
    return TestClient(create_app(demo_db))


def test_pages_answer(client):
    r = client.get("/")
    assert r.status_code == 200 and "Events" in r.text
    events = client.get("/api/events").json()
    assert events
    ev = events[0]["id"]
    page = client.get(f"/events/{ev}")
    assert page.status_code == 200
    assert 'id="reactions"' in page.text and 'dir="auto"' in page.text
    doc = events[0]["documents"][0]
    assert client.get(f"/documents/{doc}").status_code == 200
    assert client.get("/events/nope").status_code == 404


def test_api_contract(client):
    ev = client.get("/api/events").json()[0]
    full = client.get(f"/api/events/{ev['id']}").json()
    assert {"documents", "claims", "conflicts", "timeline"} <= set(full)
    rx = client.get(f"/api/events/{ev['id']}/reactions").json()
    assert rx["groups"]
    assert client.get("/api/entities").json()
    d = client.get(f"/api/documents/{ev['documents'][0]}").json()
    for m in d["mentions"]:
        assert d["text"][m["start"]:m["end"]] == m["text"]
    spec = client.get("/openapi.json").json()
    assert "/api/search" in spec["paths"]


def test_search_across_scripts(client):
    res = client.get("/api/search", params={"q": "Tokayev"}).json()
    assert set(res) == {"documents", "entities", "statements", "events"}
    langs = {d["lang"] for d in res["documents"]}
    assert {"ar", "fa"} <= langs


def test_read_only_without_token(client, demo_db):
    assert client.post("/api/documents", json={"title": "x", "text": "y"}).status_code in (404, 405)
    app = create_app(demo_db, write_token="s3cret")
    c2 = TestClient(app)
    assert c2.post("/api/documents", json={"title": "x", "text": "y"}).status_code == 401


def test_static_files_stay_inside_the_package(client):
    assert client.get("/static/khabar.css").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404


def test_article_text_is_escaped(tmp_path, pipeline):
    src = tmp_path / "in"
    src.mkdir()
    (src / "evil.txt").write_text(
        "Alert <script>alert(1)</script> headline\n\n"
        "The spokesman said that <img src=x onerror=alert(2)> was \"<b>not</b> acceptable\" and called for calm.\n"
        "He added that talks would continue on Monday in the capital with all parties present.\n",
        encoding="utf-8")
    db = tmp_path / "k.db"
    analyze([src], db, pipeline=pipeline)
    c = TestClient(create_app(db))
    ev = c.get("/api/events").json()[0]
    for url in (f"/events/{ev['id']}", f"/documents/{ev['documents'][0]}", "/search?q=spokesman"):
        html = c.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;" in html
    out = write_report(db, None, tmp_path / "r.html")
    assert "<script>alert" not in out.read_text(encoding="utf-8")


def test_report_is_self_contained(demo_db, tmp_path):
    out = write_report(demo_db, None, tmp_path / "dossier.html")
    html = out.read_text(encoding="utf-8")
    assert "<style>" in html and 'rel="stylesheet"' not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert 'id="reactions"' in html and "id=\"articles\"" in html
    json.dumps(html)


# -- security ---------------------------------------------------------------------------------
EVIL = '<script>alert(1)</script>'
EVIL_ATTR = '"><img src=x onerror=alert(2)>'
EVIL_URL = "javascript:alert(3)"
# Elements the templates write; an article's markup leaking into the page would add others.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "style", "body", "header", "a", "span", "form", "input", "button",
    "main", "footer", "section", "h1", "h2", "h3", "p", "strong", "b", "nav", "div", "ul", "ol", "li", "blockquote",
    "bdi", "q", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "svg", "line", "g", "circle",
    "text", "time", "article", "aside", "mark", "code", "label", "select", "option",
}


def _hostile_db(path):
    """A store whose every text field carries markup, with marks spanning it (no pipeline needed)."""
    from khabar.models import Analysis, Claim, DatedEvent, Document, Entity, Mention, Statement
    from khabar.search import rebuild_index
    from khabar.store import Store, claim_id

    text = (f"The minister 🇰🇿 {EVIL} said that {EVIL_ATTR} must stop now.\n"
            f"About 2500 troops <b>arrived</b> on 2022-01-06 &amp; stayed.\n")
    s0 = text.index(EVIL_ATTR)
    n0 = text.index("2500")
    d0 = text.index("2022-01-06")
    m0 = text.index(EVIL)
    doc = Document(id="dEvil", source=f"evil{EVIL}.txt", text=text, title=f"Headline {EVIL} {EVIL_ATTR}",
                   url=EVIL_URL, published="2022-01-06", outlet=f"Outlet {EVIL_ATTR}", lang="en",
                   lang_confidence=1.0)
    a = Analysis(
        document=doc,
        mentions=(Mention(start=m0, end=m0 + len(EVIL), text=EVIL, type="PER", key="x", entity="Qevil"),),
        statements=(Statement(start=s0, end=s0 + len(EVIL_ATTR) + 10, cue="said", cue_start=s0 - 10,
                              cue_end=s0 - 6, speaker_text=EVIL, speaker="Qevil", speaker_affiliation=EVIL_ATTR,
                              stance="appeal", target="Qevil", date="2022-01-06"),),
        claims=(Claim(start=n0, end=n0 + 4, property="troop_count", value=2500, unit=EVIL, subject=EVIL_ATTR,
                      qualifier=EVIL),),
        dates=(DatedEvent(start=d0, end=d0 + 10, date="2022-01-06", text="2022-01-06"),),
    )
    text2 = "Others said 2000 troops arrived.\n"
    doc2 = Document(id="dOther", source="other.txt", text=text2, title="Other", lang="en", lang_confidence=1.0,
                    published="2022-01-07")
    c2 = Claim(start=11, end=15, property="troop_count", value=2000, subject="troops")
    b = Analysis(document=doc2, claims=(c2,))
    with Store.open(path) as s:
        run = s.start_run(["hostile"], {}, {})
        s.put_analysis(a, run)
        s.put_analysis(b, run)
        s.put_entities([Entity(id="Qevil", type="PER", name=f"Mr {EVIL}", affiliation=EVIL_ATTR,
                               aliases=((EVIL, "en"), (EVIL_ATTR, "en")))])
        s.set_events({"dEvil": "eEvil", "dOther": "eEvil"}, [{
            "id": "eEvil", "title": f"Event {EVIL} {EVIL_ATTR}", "documents": ["dEvil", "dOther"], "languages": ["en"],
            "first_seen": "2022-01-06", "last_seen": "2022-01-07", "entities": ["Qevil"], "reacting": [EVIL_ATTR],
            "stances": {"appeal": 1}}])
        s.set_conflicts([{"id": "xEvil", "event": "eEvil", "property": "troop_count", "subject": EVIL,
                          "values": [{"value": 2500, "claims": [claim_id("dEvil", a.claims[0])]},
                                     {"value": EVIL_ATTR, "claims": [claim_id("dOther", c2)]}]}])
        rebuild_index(s)
    return path


def _markup_of(html: str) -> tuple[set[str], list[tuple[str, str, str]]]:
    """The element names of a page, and every (tag, attribute, value) that could run or load something."""
    from html.parser import HTMLParser

    tags: set[str] = set()
    risky: list[tuple[str, str, str]] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.add(tag)
            for k, v in attrs:
                if k.startswith("on") or (k in ("href", "src", "action") and v and
                                          v.strip().lower().startswith(("javascript:", "data:", "vbscript:"))):
                    risky.append((tag, k, v or ""))

    P().feed(html)
    return tags, risky


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    db = _hostile_db(tmp_path_factory.mktemp("hostile") / "k.db")
    return db, TestClient(create_app(db))


def test_every_page_escapes_article_text(hostile, tmp_path):
    db, c = hostile
    pages = ["/", "/events/eEvil", "/documents/dEvil", f"/documents/dEvil?hl=0-{len(EVIL)}",
             "/search?q=minister", "/search?q=" + EVIL, "/docs", "/?entity=" + EVIL]
    for url in pages:
        r = c.get(url)
        assert r.status_code == 200, url
        tags, risky = _markup_of(r.text)
        assert tags <= ALLOWED_TAGS, f"{url}: markup from the data became elements: {tags - ALLOWED_TAGS}"
        assert not risky, f"{url}: {risky}"
        assert "<script" not in r.text and "<img" not in r.text, url
    doc = c.get("/documents/dEvil").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc  # shown as text, character for character
    assert EVIL_URL not in doc, "only http(s) addresses become links"
    assert "&lt;b&gt;arrived&lt;/b&gt; on" in doc and "&amp;amp;" in doc
    out = write_report(db, "eEvil", tmp_path / "r.html").read_text(encoding="utf-8")
    tags, risky = _markup_of(out)
    assert tags <= ALLOWED_TAGS and not risky
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_json_api_returns_text_as_json_not_html(hostile):
    _, c = hostile
    r = c.get("/api/documents/dEvil")
    assert r.headers["content-type"].startswith("application/json")
    d = r.json()
    assert d["text"].startswith(f"The minister 🇰🇿 {EVIL}")
    # Quotes and evidence are cut by the database (characters, as Python counts them, emoji included).
    for x in d["statements"]:
        assert x["quote"] == d["text"][x["start"]:x["end"]]
    for x in d["claims"]:
        assert x["evidence"] == d["text"][x["start"]:x["end"]] == "2500"


def test_pages_forbid_outside_resources_and_scripts(hostile):
    _, c = hostile
    for url in ("/", "/events/eEvil", "/documents/dEvil", "/static/khabar.css", "/api/events", "/nope"):
        h = c.get(url).headers
        csp = h["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "http" not in csp, csp
        assert h["x-content-type-options"] == "nosniff"
    css = c.get("/static/khabar.css").text
    assert "url(" not in css and "@import" not in css, "the stylesheet loads nothing"


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2fapp.py",
    "/static/..%5capp.py", "/static/%2e%2e%2f%2e%2e%2fstore/__init__.py", "/static/../templates/base.html",
    "/static/%2e%2e/templates/base.html", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/static/../../../../../../etc/passwd", "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/", "/static", "/app.py", "/templates/base.html", "/etc/passwd",
])
def test_nothing_is_served_from_outside_the_static_folder(hostile, path):
    import httpx

    _, c = hostile
    # Raw paths: the client must not normalise the dots away before the server sees them.
    r = c.send(httpx.Request("GET", httpx.URL("http://testserver", raw_path=path.encode())))
    assert r.status_code in (404, 400, 405, 307), f"{path}: HTTP {r.status_code}"
    assert "root:" not in r.text and "import " not in r.text and "{% block" not in r.text


def test_static_mount_is_the_package_folder_only(hostile):
    from importlib import resources

    from starlette.routing import Mount

    db, _ = hostile
    app = create_app(db)
    mounts = [r for r in app.routes if isinstance(r, Mount)]
    assert [m.path for m in mounts] == ["/static"]
    folder = Path(str(resources.files("khabar.web").joinpath("static"))).resolve()
    assert Path(mounts[0].app.directory).resolve() == folder
    assert {p.suffix for p in folder.iterdir()} <= {".css", ".js", ".svg", ".png", ".woff2"}


def _methods(app) -> set[str]:
    return {m for r in app.routes for m in (getattr(r, "methods", None) or ())}


def test_no_write_endpoint_without_a_token(hostile):
    db, c = hostile
    app = create_app(db)
    assert _methods(app) <= {"GET", "HEAD"}, "read-only unless a write token is configured"
    spec = TestClient(app).get("/openapi.json").json()
    assert all(set(ops) <= {"get", "head"} for ops in spec["paths"].values())
    for path in ("/api/documents", "/api/events", "/api/events/eEvil", "/"):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert c.request(method, path, json={"text": "x"}).status_code in (404, 405), (method, path)


def test_write_endpoint_needs_the_exact_token(hostile):
    db, _ = hostile
    app = create_app(db, write_token="s3cret")
    assert "POST" in _methods(app)
    c = TestClient(app)
    for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"},
                 {"Authorization": "Bearer s3cret "}, {"Authorization": "bearer s3cret"}):
        assert c.post("/api/documents", json={"title": "x", "text": "y"}, headers=auth).status_code == 401, auth


def test_serve_binds_to_loopback_by_default(hostile, monkeypatch):
    from click.testing import CliRunner

    from khabar.cli.main import cli

    db, _ = hostile
    serve = cli.commands["serve"]
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    uvicorn = pytest.importorskip("uvicorn")
    seen: dict = {}
    monkeypatch.delenv("KHABAR_WRITE_TOKEN", raising=False)
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    res = CliRunner().invoke(cli, ["serve", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert seen["host"] == "127.0.0.1"
