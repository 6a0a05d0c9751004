"""How exactly ``diff`` reports the events of a generated pair (issue 25): illustrative words, not SEC wording.

    .venv/bin/python -m benchmarks.exact_events --words 10000 --seed 1
    .venv/bin/python -m benchmarks.exact_events --words 800000 --seed 1 --summary
    .venv/bin/python -m benchmarks.exact_events --words 800000 --write out/pair   # old/new .txt and .docx

The pair comes from ``benchmarks.pairs.make_pair`` (the expected-events rule is in its docstring); it is
compared as ``sec-redline diff`` compares it (``diff_documents`` Section by Section, ``find_events`` over the
redlines).  Printed: the true events, the events ``diff`` reports (both as ``diff`` prints them), then the
figures:

* true events; reported events;
* wrong: true events not reported exactly (with exactly their cross-references), split into misreported
  (some wrong report names the same provision: "deleted F1.10" for "renumbered F1.10 -> F1.11") and missing
  (no report names it);
* extra: reported events that are no true event and name no provision of a true event reported wrongly;
* missing + extra + misreported, and the printed lines (events and cross-reference lines) that are not
  lines of the true events.

``--write DIR`` writes the pair as ``old.txt`` and ``new.txt`` (``render_text``, the Sections one after
another, as ``sec-redline diff old.txt new.txt`` reads them) and ``old.docx`` and ``new.docx``
(``render_document_docx``), for a comparison with docx-trackdiff.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from legal_text import diff_documents, render_text
from legal_text.events import find_events

from .pairs import Expected, Pair, make_pair, observed


def names(line: str) -> set[tuple[str, str]]:
    """The provisions an event line names, with their side: ("old", "F1.10"), ("new", "F1.11")."""
    kind, _, what = line.partition(" ")
    what = what.strip().removesuffix(", amended")
    if kind in ("renumbered", "moved"):
        before, _, after = what.partition(" -> ")
        return {("old", before), ("new", after)}
    if kind == "inserted":
        return {("new", what)}
    if kind == "deleted":
        return {("old", what)}
    return {("old", what), ("new", what)}  # amended: the same number on both sides


@dataclass(frozen=True)
class Score:
    true: int
    reported: int
    exact: int
    misreported: int  # true events reported wrongly
    missing: int  # true events not reported at all
    extra: int  # reports of no true event
    wrong_reports: int  # reports that are a true event's wrong version
    printed: int  # lines printed
    lines_not_true: int  # printed lines that are not lines of the true events

    @property
    def wrong(self) -> int:
        """True events not reported exactly."""
        return self.misreported + self.missing

    def text(self) -> str:
        return "\n".join(
            [
                f"true events:      {self.true}",
                f"reported events:  {self.reported} ({self.exact} of them true events, reported exactly)",
                f"wrong:            {self.wrong} of {self.true} true events "
                f"(misreported {self.misreported}, missing {self.missing})",
                f"extra:            {self.extra} reported events that are no true event "
                f"(and {self.wrong_reports} reports that misreport one)",
                f"missing + extra + misreported: {self.missing + self.extra + self.misreported}",
                f"printed lines that are not true events: {self.lines_not_true} of {self.printed}",
            ]
        )


def score(expected: list[Expected], reported: list[Expected]) -> Score:
    exp, rep = Counter(e.key for e in expected), Counter(e.key for e in reported)
    left_true = list((exp - rep).elements())  # true events not reported exactly
    left_rep = list((rep - exp).elements())  # reports that are no true event
    named_wrongly = {n for line, _ in left_rep for n in names(line)}
    named_true = {n for line, _ in left_true for n in names(line)}
    misreported = sum(1 for line, _ in left_true if names(line) & named_wrongly)
    wrong_reports = sum(1 for line, _ in left_rep if names(line) & named_true)
    printed = [line for e in reported for line in e.lines()]
    not_true = Counter(printed) - Counter(line for e in expected for line in e.lines())
    return Score(
        true=len(expected),
        reported=len(reported),
        exact=sum((exp & rep).values()),
        misreported=misreported,
        missing=len(left_true) - misreported,
        extra=len(left_rep) - wrong_reports,
        wrong_reports=wrong_reports,
        printed=len(printed),
        lines_not_true=sum(not_true.values()),
    )


def compare(pair: Pair) -> list[Expected]:
    """The events ``diff`` reports for the pair, as ``sec-redline diff`` finds them."""
    return observed(find_events([diff_documents(o, n) for o, n in zip(pair.old, pair.new, strict=True)]))


def write(pair: Pair, outdir: Path) -> list[Path]:
    from sec_redline.render import render_document_docx

    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, docs in (("old", pair.old), ("new", pair.new)):
        txt, docx = outdir / f"{name}.txt", outdir / f"{name}.docx"
        txt.write_text("\n".join(render_text(d) for d in docs), encoding="utf-8")
        docx.write_bytes(render_document_docx(docs, "sec-redline", "2000-01-01T00:00:00Z"))
        written += [txt, docx]
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.exact_events", description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=10_000, help="the size of the pair (10,000 to 800,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--summary", action="store_true", help="the figures only, not the events")
    ap.add_argument("--write", metavar="DIR", help="write old/new .txt and .docx into DIR")
    args = ap.parse_args(argv)
    pair = make_pair(args.words, args.seed)
    reported = compare(pair)
    if not args.summary:
        print(f"# True events ({len(pair.events)}):")
        print("\n".join(pair.lines()))
        print(f"\n# Reported by diff ({len(reported)}):")
        print("\n".join(line for e in reported for line in e.lines()))
        print()
    print(f"# {pair.words:,} words, seed {args.seed}, {len(pair.old)} Sections")
    print(score(pair.events, reported).text())
    if args.write:
        for path in write(pair, Path(args.write)):
            print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
