"""Precision, recall and F1 of khabar's name recognition against a hand-annotated set.

    python benchmarks/ner_eval.py                 # Markdown tables on stdout
    python benchmarks/ner_eval.py --json          # the same figures as JSON
    python benchmarks/ner_eval.py --errors        # + every miss and false alarm, with its kind
    python benchmarks/ner_eval.py --lang fa ru    # only some languages

Why this exists: the recogniser's own tests check that the names it should know are found;
nothing measured what it finds in ordinary news text, where it also meets names the knowledge
base lacks, titles, clitics and demonyms. ``benchmarks/ner/*.jsonl`` is a small set written for
this purpose and annotated exhaustively (every PER/ORG/LOC name, see ``benchmarks/ner/README.md``
for the guideline), so both misses and false alarms count.

The script only measures. Each paragraph goes through the same front of the pipeline an article
goes through (``Ingest``: cleaning and language identification; then the ``Mentions`` stage),
with no embedder. GPE is scored as LOC. Four scores are given, each as precision / recall / F1,
micro-averaged per type, per language and overall:

* exact, typed: same start, end and type;
* overlap, typed: the spans share at least one character and the types agree;
* exact, span only: same start and end, any type;
* overlap, span only: the spans share a character, any type.

Matching is one-to-one (a gold name is credited to at most one predicted mention and the other
way round), so a name split in two ("UN" + "Security Council") gives one hit and one false alarm
even under overlap.

Two views of the recogniser's output are scored. ``all``: every mention it emits, as stored.
``names``: without the nominal mentions it emits on purpose (offices such as "Foreign Minister",
unnamed bodies such as "officials", demonyms such as "Russian"; ``Mention.source`` in
``role``/``body``/``demonym``), which the guideline does not annotate; the gap between the two
views is the part of the precision loss that is a difference of task, not an error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "ner"
LANGS = ("ar", "fa", "en", "ru")
TYPES = ("PER", "ORG", "LOC")
#: What the recogniser's types become for scoring: a GPE is a LOC under the guideline.
TYPE_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
#: Mention sources that are not names (offices, unnamed bodies, demonyms).
NOMINAL_SOURCES = frozenset({"role", "body", "demonym"})
#: (metric key, overlap?, typed?) in the order they are printed.
METRICS = (("exact_typed", False, True), ("overlap_typed", True, True),
           ("exact_span", False, False), ("overlap_span", True, False))


@dataclass(frozen=True)
class Span:
    """One mention, gold or predicted: ``[start, end)`` in the paragraph's text."""

    start: int
    end: int
    type: str
    text: str = ""
    source: str = "gold"

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass
class Counts:
    """Counts for one cell. Precision and recall keep their own hit counts because, without type
    agreement, a hit is credited to the predicted type on one side and the gold type on the other."""

    gold: int = 0
    pred: int = 0
    hit_gold: int = 0
    hit_pred: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.hit_gold += other.hit_gold
        self.hit_pred += other.hit_pred

    @property
    def precision(self) -> float:
        return self.hit_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.hit_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "pred": self.pred, "hit_gold": self.hit_gold, "hit_pred": self.hit_pred,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


# -- data -----------------------------------------------------------------------------------
def validate(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Every problem in the annotated set, as readable messages (empty when the set is sound).

    Checked here and not only in the tests because a bad offset silently turns a correct
    prediction into a miss and a false alarm."""
    problems: list[str] = []
    seen: set[str] = set()
    for r in rows:
        rid = r.get("id", "?")
        if rid in seen:
            problems.append(f"{rid}: duplicate id")
        seen.add(rid)
        if r.get("lang") not in LANGS:
            problems.append(f"{rid}: language {r.get('lang')!r} not in {LANGS}")
        text = r.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{rid}: no text")
            continue
        prev_end = -1
        for e in sorted(r.get("entities", []), key=lambda e: (e["start"], e["end"])):
            s, t = e["start"], e["end"]
            if e["type"] not in TYPES:
                problems.append(f"{rid}: type {e['type']!r} not in {TYPES}")
            if not (0 <= s < t <= len(text)):
                problems.append(f"{rid}: bad offsets {s}-{t}")
                continue
            if text[s:t] != e["text"]:
                problems.append(f"{rid}: text[{s}:{t}] is {text[s:t]!r}, not {e['text']!r}")
            if text[s:t] != text[s:t].strip():
                problems.append(f"{rid}: span {e['text']!r} has surrounding spaces")
            if s < prev_end:
                problems.append(f"{rid}: {e['text']!r} overlaps the previous entity")
            prev_end = t
    return problems


def load_set(data: Path = DATA, langs: Iterable[str] = LANGS) -> list[dict[str, Any]]:
    """All paragraphs of the chosen languages, validated; raises ValueError on a broken file."""
    want = set(langs)
    rows: list[dict[str, Any]] = []
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as e:
                        raise ValueError(f"{path.name}:{n}: {e}") from e
    problems = validate(rows)
    if problems:
        raise ValueError("the NER set is broken:\n  " + "\n  ".join(problems))
    return [r for r in rows if r["lang"] in want]


def gold_spans(row: dict[str, Any]) -> list[Span]:
    return [Span(e["start"], e["end"], e["type"], e["text"]) for e in row["entities"]]


# -- scoring --------------------------------------------------------------------------------
def match(gold: Sequence[Span], pred: Sequence[Span], *, overlap: bool, typed: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index). Candidate pairs are taken best first:
    exact spans, then same type, then the longest shared stretch, so a greedy pass gives each
    gold name the prediction a reader would pair it with."""
    cands: list[tuple[tuple[int, int, int], int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if typed and g.type != p.type:
                continue
            exact = g.start == p.start and g.end == p.end
            shared = g.overlap(p)
            if exact or (overlap and shared > 0):
                cands.append(((-int(exact), -int(g.type == p.type), -shared), gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def score(gold: Sequence[Span], pred: Sequence[Span], *, overlap: bool, typed: bool) -> dict[str, Counts]:
    """Counts per type and under ``"ALL"`` for one paragraph. Recall of a type is over gold names
    of that type; precision of a type is over predictions of that type."""
    out = {t: Counts() for t in (*TYPES, "ALL")}
    pairs = match(gold, pred, overlap=overlap, typed=typed)
    hit_g = {gi for gi, _ in pairs}
    hit_p = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        for key in (g.type, "ALL"):
            out[key].gold += 1
            out[key].hit_gold += gi in hit_g
    for pi, p in enumerate(pred):
        for key in (p.type, "ALL"):
            out[key].pred += 1
            out[key].hit_pred += pi in hit_p
    return out


def error_kinds(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[str, Span, Span | None]]:
    """Each exact-typed failure with a kind, to see what the errors are (not used in the scores).

    A gold name left unmatched is ``boundary`` (an overlapping prediction of the same type),
    ``type`` (same span, other type), ``boundary+type`` or ``missed``; an unmatched prediction
    that touches no gold name is ``spurious:<source>``; one that does was already counted from
    the gold side unless it is a second piece of a split name (``extra piece``). The third item is
    the prediction a gold-side error was paired with, to show what was found instead."""
    pairs = match(gold, pred, overlap=False, typed=True)
    hit_g = {gi for gi, _ in pairs}
    hit_p = {pi for _, pi in pairs}
    out: list[tuple[str, Span, Span | None]] = []
    explained: set[int] = set()
    for gi, g in enumerate(gold):
        if gi in hit_g:
            continue
        touching = [(pi, p) for pi, p in enumerate(pred) if pi not in hit_p and g.overlap(p) > 0]
        if not touching:
            out.append(("missed", g, None))
            continue
        pi, p = max(touching, key=lambda x: (x[1].type == g.type, g.overlap(x[1])))
        explained.add(pi)
        same_span = p.start == g.start and p.end == g.end
        kind = "type" if same_span else ("boundary" if p.type == g.type else "boundary+type")
        out.append((f"{kind} (gold {g.type}, pred {p.type})" if p.type != g.type else kind, g, p))
    for pi, p in enumerate(pred):
        if pi in hit_p or pi in explained:
            continue
        if any(g.overlap(p) > 0 for g in gold):
            out.append(("extra piece", p, None))
        else:
            out.append((f"spurious:{p.source}", p, None))
    return out


# -- running khabar -------------------------------------------------------------------------
class Recogniser:
    """khabar's front of the pipeline, built once: Ingest, then the Mentions stage."""

    def __init__(self) -> None:
        from khabar import Pipeline, Settings
        from khabar.stages import Context, Mentions

        self.pipeline = Pipeline(Settings(progress=False, embedder="none"))
        self.mentions = next(s for s in self.pipeline.article_stages if isinstance(s, Mentions))
        self.context = Context()
        self.version = self.mentions.name

    def __call__(self, row: dict[str, Any]) -> tuple[list[Span], str]:
        """Predicted spans in ``row["text"]`` coordinates, and the language khabar detected."""
        from khabar.models import Analysis, RawArticle, Rejection

        text = row["text"]
        doc = self.pipeline.ingest(RawArticle(source=f"ner-eval:{row['id']}", kind="text", data=text,
                                              lang_hint=row["lang"], origin=row["id"]))
        if isinstance(doc, Rejection):
            raise RuntimeError(f"{row['id']}: rejected by ingest: {doc.reason}")
        shift = doc.text.find(text)
        if shift < 0:  # cleaning rewrote the paragraph: offsets cannot be compared
            raise RuntimeError(f"{row['id']}: ingest changed the text; offsets would not line up")
        a = self.mentions(Analysis(doc), self.context)
        spans = []
        for m in a.mentions:
            t = TYPE_MAP.get(m.type)
            if t is None:
                continue
            s, e = m.start - shift, m.end - shift
            if 0 <= s < e <= len(text):
                spans.append(Span(s, e, t, text[s:e], m.source))
        return spans, doc.lang


# -- report ---------------------------------------------------------------------------------
@dataclass
class Report:
    """Counts per view ("all", "names"), metric, language (and "all") and type (and "ALL")."""

    cells: dict[str, dict[str, dict[str, dict[str, Counts]]]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    error_list: list[dict[str, Any]] = field(default_factory=list)
    lang_mismatch: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: Counter[str] = field(default_factory=Counter)
    version: str = ""

    def add(self, view: str, lang: str, gold: Sequence[Span], pred: Sequence[Span]) -> None:
        for key, overlap, typed in METRICS:
            per_lang = self.cells.setdefault(view, {}).setdefault(key, {})
            got = score(gold, pred, overlap=overlap, typed=typed)
            for lg in (lang, "all"):
                row = per_lang.setdefault(lg, {t: Counts() for t in (*TYPES, "ALL")})
                for t, c in got.items():
                    row[t].add(c)

    def to_dict(self) -> dict[str, Any]:
        return {
            "recogniser": self.version, "paragraphs": dict(self.paragraphs),
            "language_misdetected": [{"id": i, "detected": lg} for i, lg in self.lang_mismatch],
            "scores": {v: {k: {lg: {t: c.to_dict() for t, c in row.items()} for lg, row in m.items()}
                           for k, m in metrics.items()} for v, metrics in self.cells.items()},
            "error_kinds": dict(self.errors.most_common()),
            "errors": self.error_list,
        }


def evaluate(rows: Sequence[dict[str, Any]], recogniser: Recogniser | None = None) -> Report:
    rec = recogniser or Recogniser()
    rep = Report(version=rec.version)
    for row in rows:
        gold = gold_spans(row)
        pred, detected = rec(row)
        rep.paragraphs[row["lang"]] += 1
        if detected != row["lang"]:
            rep.lang_mismatch.append((row["id"], detected))
        rep.add("all", row["lang"], gold, pred)
        rep.add("names", row["lang"], gold, [p for p in pred if p.source not in NOMINAL_SOURCES])
        for kind, sp, found in error_kinds(gold, pred):
            rep.errors[kind] += 1
            rep.error_list.append({"id": row["id"], "kind": kind, "text": sp.text, "type": sp.type,
                                   "start": sp.start, "end": sp.end, "source": sp.source,
                                   "found": None if found is None else f"{found.text} [{found.type}]"})
    return rep


def _f(x: float) -> str:
    return f"{100 * x:.1f}"


def markdown(rep: Report, *, errors: bool = False) -> str:
    """The report as Markdown: one table per view, then the error kinds."""
    out = [f"NER evaluation of `{rep.version}` on benchmarks/ner: "
           + ", ".join(f"{lg} {n}" for lg, n in rep.paragraphs.items()) + " paragraphs. "
           "P/R/F1 in %, micro-averaged; GPE scored as LOC.", ""]
    if rep.lang_mismatch:
        out += ["Language misdetected: " + ", ".join(f"{i} as {lg}" for i, lg in rep.lang_mismatch), ""]
    titles = {"all": "All mentions khabar emits",
              "names": "Names only (offices, unnamed bodies and demonyms left out)"}
    langs = [lg for lg in (*LANGS, "all") if lg in next(iter(rep.cells.get("all", {}).values()), {})]
    for view, title in titles.items():
        metrics = rep.cells.get(view)
        if not metrics:
            continue
        out += [f"### {title}", "",
                "| lang | type | gold | pred | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 "
                "| span P | span R | span F1 | span-overlap P | span-overlap R | span-overlap F1 |",
                "|---|---|" + "---:|" * 14]
        for lg in langs:
            for t in (*TYPES, "ALL"):
                cs = [metrics[k][lg][t] for k, _, _ in METRICS]
                nums = " | ".join(f"{_f(c.precision)} | {_f(c.recall)} | {_f(c.f1)}" for c in cs)
                name = f"**{t}**" if t == "ALL" else t
                out.append(f"| {lg} | {name} | {cs[0].gold} | {cs[0].pred} | {nums} |")
        out.append("")
    out += ["### Exact-typed errors by kind (all mentions)", "", "| kind | count |", "|---|---:|"]
    out += [f"| {k} | {n} |" for k, n in rep.errors.most_common()]
    if errors:
        out += ["", "### Errors", "", "| id | kind | text | type | source | found instead |", "|---|---|---|---|---|---|"]
        out += [f"| {e['id']} | {e['kind']} | {e['text']} | {e['type']} | {e['source']} | {e['found'] or ''} |"
                for e in rep.error_list]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    ap.add_argument("--errors", action="store_true", help="list every error (Markdown)")
    ap.add_argument("--lang", nargs="*", default=list(LANGS), choices=LANGS, help="languages to score")
    ap.add_argument("--data", type=Path, default=DATA, help="folder of *.jsonl files")
    args = ap.parse_args(argv)
    rep = evaluate(load_set(args.data, args.lang))
    if args.json:
        json.dump(rep.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(markdown(rep, errors=args.errors))
    return 0


__all__ = ["Counts", "Span", "validate", "load_set", "match", "score", "error_kinds", "evaluate", "markdown",
           "main"]

if __name__ == "__main__":
    raise SystemExit(main())
