"""``khabar report``: one self-contained HTML file per event, to share and read offline.

The dossier page of the web app, with the stylesheet inlined and the articles appended, so
every "source" link jumps to the highlighted sentence inside the same file. Nothing is
loaded from anywhere.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .. import query as q
from ..store import Store
from ..web import views


def render_report(store: Store, event_id: str | None) -> str:
    import jinja2

    folder = resources.files("khabar.web").joinpath("templates")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True)
    css = resources.files("khabar.web").joinpath("static", "khabar.css").read_text(encoding="utf-8")
    d = views.dossier(store, event_id, offline=True)
    articles = []
    for doc in d["documents"]:
        full = q.document(store, doc["id"])
        articles.append({"doc": full, "paragraphs": views.highlight(full), "rtl": full["lang"] in views.RTL})
    return env.get_template("dossier.html").render(**d, offline=True, inline_css=css, articles=articles)


def write_report(db: str | Path, event_id: str | None, out: str | Path) -> Path:
    with Store.open(db, create=False) as s:
        html = render_report(s, event_id)
    p = Path(out)
    p.write_text(html, encoding="utf-8")
    return p.resolve()
