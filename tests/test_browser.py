"""The web app in a real browser: Debian's Chromium driven by Playwright over a live server.

The server is uvicorn on 127.0.0.1 (a free port, in a thread) over the demo corpus analysed
with the test pipeline. Skipped when /usr/bin/chromium or the playwright package is missing.
Screenshots of the events list, the dossier and an article go to artifacts/screenshots/.
"""

from __future__ import annotations

import socket
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from khabar import analyze

from .conftest import DEMO, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "artifacts" / "screenshots"
RTL_LANGS = {"ar", "fa", "ur", "ps"}
MOJIBAKE = ("\ufffd", "Ø§", "Ù", "Ã", "â€")  # replacement char; UTF-8 Arabic or punctuation read as Latin-1


# -- fixtures -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sync_api():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install chromium chromium-driver)")
    return pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, pipeline, sync_api):
    db = tmp_path_factory.mktemp("browser") / "k.db"
    analyze([DEMO], db, pipeline=pipeline)
    return db


@pytest.fixture(scope="module")
def server(demo_db) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1, on a port the OS picked, until the module ends."""
    uvicorn = pytest.importorskip("uvicorn")
    from khabar.web.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(demo_db), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser(sync_api):
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """A browser page that records the URL of every request it makes."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.requests: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))

    def goto(self, path: str) -> None:
        resp = self.page.goto(self.base + path)
        assert resp is not None and resp.ok, f"{path}: HTTP {resp.status if resp else '?'}"

    def assert_local(self) -> None:
        assert self.requests
        outside = [u for u in self.requests if urlsplit(u).hostname != "127.0.0.1" and not u.startswith("data:")]
        assert not outside, f"requests left 127.0.0.1: {outside}"

    def shot(self, name: str, full_page: bool = False) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        p = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(p), full_page=full_page)
        return p


@pytest.fixture
def visit(browser, server) -> Iterator[Visit]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    v = Visit(ctx.new_page(), server)
    yield v
    ctx.close()


@pytest.fixture(scope="module")
def api(server):
    import httpx

    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def _largest_event(api) -> dict:
    events = api.get("/api/events").json()
    assert events, "the demo corpus produced no event"
    return events[0]


def _event_with_conflict(api) -> dict:
    """The largest event whose sources disagree on a figure."""
    for ev in api.get("/api/events").json():
        if api.get(f"/api/events/{ev['id']}").json()["conflicts"]:
            return ev
    raise AssertionError("no event of the demo corpus has a conflict")


def _expected_direction(text: str) -> str:
    """What dir="auto" gives: the direction of the first strong character."""
    for ch in text:
        b = unicodedata.bidirectional(ch)
        if b in ("R", "AL"):
            return "rtl"
        if b == "L":
            return "ltr"
    return "ltr"


# -- tests ----------------------------------------------------------------------------------
def test_dossier_shows_world_reactions_and_the_conflict(visit, api):
    visit.goto("/")
    assert visit.page.locator("#events tbody tr").count() >= 1
    visit.shot("events")
    ev = _event_with_conflict(api)
    visit.page.locator(f'#events a[href="/events/{ev["id"]}"]').click()
    visit.page.wait_for_url(f"**/events/{ev['id']}")

    parties = visit.page.locator("#reactions .party")
    assert parties.count() >= 3, "the round-up should group statements by several countries and organisations"
    codes = visit.page.locator("#reactions .party-head .code").all_inner_texts()
    assert len(codes) == len(set(codes)), "one group per party"
    for i in range(parties.count()):
        party = parties.nth(i)
        assert party.locator("li.statement").count() >= 1
        assert party.locator("li.statement .badge").count() == party.locator("li.statement").count()
        assert party.locator("li.statement a.src").count() >= 1
    badges = set(visit.page.locator("#reactions li.statement .badge").all_inner_texts())
    assert len(badges) >= 2, f"stances: {badges}"

    conflict = visit.page.locator(".conflict").first
    assert conflict.is_visible()
    values = [v.strip() for v in conflict.locator(".value .figure").all_inner_texts()]
    assert len(values) >= 2 and len(set(values)) >= 2, values
    colour = conflict.evaluate("e => getComputedStyle(e).borderTopColor")
    r, g, b = (int(x) for x in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])
    assert r > 150 and g < 100 and b < 100, f"a conflict is drawn in red, not {colour}"

    assert visit.page.locator("#timeline svg.timeline circle").count() >= 1
    assert visit.page.locator("#sources tbody tr").count() == len(ev["documents"])
    visit.shot("dossier")
    visit.shot("dossier-full", full_page=True)
    visit.assert_local()


def test_rtl_articles_render_right_to_left_without_mojibake(visit, api):
    ids = [d for ev in api.get("/api/events").json() for d in ev["documents"]]
    docs = [api.get(f"/api/documents/{d}").json() for d in ids]
    rtl_docs = [d for d in docs if d["lang"] in RTL_LANGS]
    assert {"ar", "fa"} <= {d["lang"] for d in rtl_docs}, "the demo corpus has Arabic and Persian articles"
    for d in rtl_docs:
        visit.goto(f"/documents/{d['id']}")
        paras = visit.page.locator("article#article > p[dir=auto]")
        got = paras.evaluate_all("ps => ps.map(p => [p.textContent, getComputedStyle(p).direction])")
        lines = [x for x in d["text"].split("\n") if x]
        assert [t for t, _ in got] == lines, f"{d['source']}: the text in the page is not the stored text"
        for text, direction in got:
            assert direction == _expected_direction(text), f"{d['source']}: {text[:40]!r} is {direction}"
        assert sum(1 for _, direction in got if direction == "rtl") >= max(1, len(got) // 2)
        h1 = visit.page.locator("article#article h1")
        assert h1.evaluate("e => getComputedStyle(e).direction") == _expected_direction(d["title"] or d["source"])
        html = visit.page.content()
        body = visit.page.locator("body").inner_text()
        for bad in MOJIBAKE:
            assert bad not in html and bad not in body, f"{d['source']}: {bad!r} in the page"
        assert visit.page.evaluate("document.characterSet") == "UTF-8"
    fa = next(d for d in rtl_docs if d["lang"] == "fa")
    visit.goto(f"/documents/{fa['id']}")
    visit.shot("article-fa")
    visit.assert_local()


def test_search_box_finds_arabic_and_persian_documents(visit):
    visit.goto("/")
    box = visit.page.locator("header form.search input[name=q]")
    box.fill("Tokayev")
    box.press("Enter")
    visit.page.wait_for_url("**/search?q=Tokayev")
    results = visit.page.locator("#results-documents li")
    assert results.count() >= 2
    langs = set(visit.page.locator("#results-documents li a[lang]").evaluate_all(
        "as => as.map(a => a.getAttribute('lang'))"))
    assert {"ar", "fa"} <= langs, langs
    titles = visit.page.locator("#results-documents li a[lang=ar], #results-documents li a[lang=fa]")
    assert all(t.strip() for t in titles.all_inner_texts())
    visit.assert_local()


def test_reaction_source_link_opens_the_article_with_the_statement_highlighted(visit, api):
    ev = _largest_event(api)
    visit.goto(f"/events/{ev['id']}")
    item = visit.page.locator("#reactions li.statement").first
    quote = item.locator("blockquote").inner_text().strip()
    item.locator("a.src").first.click()
    visit.page.wait_for_url("**/documents/**")
    target = visit.page.locator(":target")
    assert target.count() == 1, "the link's #anchor names an element of the article"
    assert "statement" in (target.get_attribute("class") or "")
    focus = visit.page.locator("article#article mark.focus")
    assert focus.count() >= 1
    shown = "".join(focus.all_text_contents())
    assert shown.strip() == quote, "the highlighted words are the quoted statement"
    bg = focus.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    assert target.is_visible() and target.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }"), \
        "the page scrolled to the statement"
    visit.shot("article")
    visit.assert_local()


def test_no_request_leaves_loopback(visit, api):
    ev = _largest_event(api)
    for path in ("/", f"/events/{ev['id']}", f"/documents/{ev['documents'][0]}", "/search?q=Tokayev",
                 "/search?q=%D8%AA%D9%88%DA%A9%D8%A7%DB%8C%D9%81", "/docs"):
        visit.goto(path)
        visit.page.wait_for_load_state("networkidle")
    assert any(u.endswith("/static/khabar.css") for u in visit.requests)
    visit.assert_local()
