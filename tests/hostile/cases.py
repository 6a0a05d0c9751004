"""The hostile cases: for each cause found (issue 10) and each entry point, the input, the command, and what a
user must get (the exit code and the words of the one line on stderr)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from sec_redline.errors import EXIT_CHANGESET, EXIT_DIFFERS, EXIT_INPUT, EXIT_OK, EXIT_OUTPUT
from tests.hostile import inputs as make
from tests.support import BASE, CHANGESET_HEADER

Build = Callable[[Path], tuple[list[str], list[Path]]]  # folder -> (arguments, input files)


@dataclass(frozen=True)
class Case:
    cause: str  # which cause of issue 10 it guards
    entry: str  # the command
    what: str  # the input, in words (for docs/errors.md)
    build: Build
    exit: int
    says: str  # words of the error line (stderr), or of the output for exit 0 and 1
    file_size: int | None = None  # a full disk: writes past this many bytes fail
    stream: str = "stderr"  # where ``says`` is looked for
    holding: Callable[[Path], AbstractContextManager[None]] | None = None  # what stands while the command runs
    env: dict[str, str] = field(default_factory=dict)
    absent: str = ""  # words that must not be in what the user is told

    @property
    def id(self) -> str:
        return f"{self.entry}-{self.what}".replace(" ", "-").replace("/", "-")


def _annex(folder: Path) -> Path:
    """A good Annex A redline (ours) of MP087, for verify cases whose bad input is the base."""
    from legal_text import diff_documents, read_text
    from sec_redline.annex import build_annex
    from sec_redline.apply import apply_changeset
    from sec_redline.changes import load_changeset
    from sec_redline.render import render_annex_docx
    from tests.support import CHANGES

    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    cs = load_changeset(CHANGES)
    return make.write(
        folder,
        "annex-a.docx",
        render_annex_docx(build_annex(diff_documents(base, apply_changeset(base, cs).value), cs)),
    )


# Inputs that cannot be read as a base or Word text: (what, maker, words of the error, Word-only?)
Maker = Callable[[Path], Path]
UNREADABLE: list[tuple[str, Maker, str]] = [
    ("empty text", lambda d: make.write(d, "empty.txt", ""), "the file is empty"),
    ("binary text", lambda d: make.write(d, "binary.txt", b"G3.20 text\x00\x01\x02"), "binary file"),
    ("latin-1 text", lambda d: make.write(d, "latin.txt", "G3.20 caf\xe9".encode("latin-1")), "not valid UTF-8"),
    (
        "one-line text of 1.1 million characters",
        lambda d: make.write(d, "line.txt", "G3.20 " + "x" * 1_100_000),
        "is not clause text",
    ),
    ("text the file system says is 65 MB", lambda d: make.sparse(d, "big.txt", 65 * 1024 * 1024), "65 MB is more"),
    ("/dev/zero", lambda d: Path("/dev/zero"), "not a regular file"),
    ("a named pipe", make.fifo, "not a regular file"),
    ("a folder", lambda d: (d / "folder").mkdir() or d / "folder", "is a folder"),
    ("a missing file", lambda d: d / "missing.txt", "no such file"),
    ("docx that is not a zip", lambda d: make.write(d, "plain.docx", "plain text"), "not a zip package"),
    ("docx with a bad CRC", make.bad_crc, "damaged"),
    ("docx with an encrypted entry", make.encrypted, "encrypted"),
    ("docx with an unknown compression", make.unknown_compression, "compression method"),
    ("docx whose headers lie about its size (80 MB inflated)", make.lying_bomb, "word/document.xml"),
    ("docx inflating to 70 MB", make.honest_bomb, "more than the 64 MB limit"),
    ("docx without a main part", make.no_main_part, "no main document part"),
    ("docx whose document is not XML", make.not_xml, "not well-formed XML"),
    ("docx with an entity bomb (DOCTYPE)", make.entity_bomb, "DOCTYPE"),
    ("docx nested 5000 elements deep", make.deep_xml, "word/document.xml"),
]


def _unreadable_cases() -> list[Case]:
    out = []
    for what, maker, says in UNREADABLE:

        def as_parse(d: Path, maker: Maker = maker) -> tuple[list[str], list[Path]]:
            p = maker(d)
            return ["parse", str(p)], [p]

        def as_apply(d: Path, maker: Maker = maker) -> tuple[list[str], list[Path]]:
            p, cs = maker(d), make.changes(d)
            return ["apply", str(p), str(cs), "-o", str(d / "out" / "amended.txt")], [p, cs]

        def as_diff(d: Path, maker: Maker = maker) -> tuple[list[str], list[Path]]:
            p, good = maker(d), make.base_text(d)
            return ["diff", str(good), str(p), "-o", str(d / "out" / "cmp.html")], [p, good]

        def as_changeset(d: Path, maker: Maker = maker) -> tuple[list[str], list[Path]]:
            p, good = maker(d), make.base_text(d)
            return [
                "changeset",
                str(p),
                str(good),
                "-o",
                str(d / "out" / "cs.yaml"),
                "--modification",
                "MP900",
                "--title",
                "Illustrative",
                "--date",
                "2019-10-04",
            ], [p, good]

        def as_verify(d: Path, maker: Maker = maker) -> tuple[list[str], list[Path]]:
            p = maker(d)
            if p.suffix == ".docx":
                good = make.base_text(d)
                return ["verify", str(p), str(good)], [p, good]
            annex = _annex(d)
            return ["verify", str(annex), str(p)], [p, annex]

        for entry, build in (
            ("parse", as_parse),
            ("apply", as_apply),
            ("diff", as_diff),
            ("changeset", as_changeset),
            ("verify", as_verify),
        ):
            out.append(Case("2, 3, 4, 6: unreadable input", entry, what, build, EXIT_INPUT, says))
    return out


def _yaml_case(
    cause: str,
    what: str,
    entry: str,
    edit: tuple[str, str] | Callable[[Path], Path],
    says: str,
    exit: int = EXIT_CHANGESET,
    base: Maker = make.base_text,
) -> Case:
    def build(d: Path) -> tuple[list[str], list[Path]]:
        b = base(d)
        cs = edit(d) if callable(edit) else make.changes(d, edit)
        if entry == "redline":
            return ["redline", str(b), str(cs), "-o", str(d / "out"), "--no-pdf"], [b, cs]
        return ["apply", str(b), str(cs), "-o", str(d / "out" / "amended.txt")], [b, cs]

    return Case(cause, entry, what, build, exit, says)


def _report_case(
    cause: str,
    what: str,
    edit: tuple[str, str] | Callable[[Path], Path],
    says: str,
    exit: int = EXIT_CHANGESET,
    stream: str = "stderr",
) -> Case:
    def build(d: Path) -> tuple[list[str], list[Path]]:
        meta = edit(d) if callable(edit) else make.report(d, edit)
        return ["report", str(meta), "-o", str(d / "out")], [meta]

    return Case(cause, "report", what, build, exit, says, stream=stream)


def _template_case(
    what: str, body: str | bytes, says: str, entry: str = "redline", name: str = "annex-a.html.j2"
) -> Case:
    def build(d: Path) -> tuple[list[str], list[Path]]:
        folder = make.template_folder(d, name if entry == "redline" else "modification-report.html.j2", body)
        files = sorted(folder.iterdir())
        if entry == "redline":
            b, cs = make.base_text(d), make.changes(d)
            return (
                ["redline", str(b), str(cs), "-o", str(d / "out"), "--no-pdf", "--templates", str(folder)],
                [b, cs, *files],
            )
        meta = make.report(d)
        return ["report", str(meta), "-o", str(d / "out"), "--templates", str(folder)], [meta, *files]

    return Case("9: user templates", f"{entry} --templates", what, build, EXIT_INPUT, says)


def _verify_unnumbered(d: Path) -> tuple[list[str], list[Path]]:
    annex, good = make.unnumbered_redline(d), make.base_text(d)
    return ["verify", str(annex), str(good)], [annex, good]


def _insert_after(base: Maker, anchor: str) -> Build:
    """``apply`` of a one-operation change set inserting words after ``anchor`` in G3.20 of ``base``."""

    def build(d: Path) -> tuple[list[str], list[Path]]:
        b = base(d)
        body = f'  - in: G3.20\n    after: "{anchor}"\n    insert: "added"\n'
        cs = make.write(d, "insert.yaml", CHANGESET_HEADER.format(mod="MP900") + body)
        return ["apply", str(b), str(cs), "-o", str(d / "out" / "a.txt")], [b, cs]

    return build


_duplicates = _insert_after(make.duplicate_numbers, "first")
_many_matches = _insert_after(make.many_matches, "word")
_accent = _insert_after(make.uncomposed_accent, "Iq")


def _forbidden_base(d: Path) -> tuple[list[str], list[Path]]:
    b, cs = make.forbidden_characters(d), make.changes(d)
    return ["redline", str(b), str(cs), "-o", str(d / "out"), "--no-pdf"], [b, cs]


def _huge_indent(d: Path) -> tuple[list[str], list[Path]]:
    p = make.huge_indent(d)
    return ["parse", str(p), "--format", "refs"], [p]


def _output_is_input(d: Path) -> tuple[list[str], list[Path]]:
    b, cs = make.base_text(d), make.changes(d)
    return ["apply", str(b), str(cs), "-o", str(b)], [b, cs]


def _output_folder_is_a_file(d: Path) -> tuple[list[str], list[Path]]:
    b, cs, f = make.base_text(d), make.changes(d), make.write(d, "afile", "x")
    return ["redline", str(b), str(cs), "-o", str(f), "--no-pdf"], [b, cs, f]


def _full_disk_report(d: Path) -> tuple[list[str], list[Path]]:
    meta = make.report(d)
    return ["report", str(meta), "-o", str(d / "out")], [meta]


def _full_disk_redline(d: Path) -> tuple[list[str], list[Path]]:
    b, cs = make.base_text(d), make.changes(d)
    return ["redline", str(b), str(cs), "-o", str(d / "out"), "--no-pdf"], [b, cs]


def _bad_reference(d: Path) -> tuple[list[str], list[Path]]:
    folder = d / "templates"
    folder.mkdir()
    ref = make.write(folder, "reference.docx", make.package({"word/document.xml": b"<x/>" + b" " * (70 << 20)}))
    b, cs = make.base_text(d), make.changes(d)
    return ["redline", str(b), str(cs), "-o", str(d / "out"), "--no-pdf", "--templates", str(folder)], [b, cs, ref]


LONG = "x" * 300


def _release_manifest(d: Path, base: Path) -> Path:
    cs = make.changes(d)
    return make.write(
        d,
        "release.yaml",
        f"release: R\ndate: 2019-11-07\nbase:\n  version: '6.17'\n  path: {base.name}\nversion: '6.18'\n"
        f"modifications: [{cs.name}]\n",
    )


def _release_bomb(d: Path) -> tuple[list[str], list[Path]]:
    m = make.alias_bomb(d, "release.yaml")
    return ["release", str(m), "-o", str(d / "out")], [m]


def _release_binary_base(d: Path) -> tuple[list[str], list[Path]]:
    base = make.write(d, "base.txt", b"G3.20 text\x00\x01\x02")
    m = _release_manifest(d, base)
    return ["release", str(m), "-o", str(d / "out")], [m, base]


def _history_not_a_store(d: Path) -> tuple[list[str], list[Path]]:
    store = make.write(d, "versions.sqlite", b"not SQLite at all " * 100)
    return ["history", "G3.20", "--store", str(store)], [store]


CASES: list[Case] = [
    Case("5: YAML bombs", "release", "manifest: alias bomb", _release_bomb, EXIT_CHANGESET, "aliases (*a)"),
    Case(
        "2, 3, 4, 6: unreadable input", "release", "binary base text", _release_binary_base, EXIT_INPUT, "binary file"
    ),
    Case(
        "2, 3, 4, 6: unreadable input",
        "history",
        "a store that is no SQLite file",
        _history_not_a_store,
        EXIT_INPUT,
        "is not a version store sec-redline can read",
    ),
    *_unreadable_cases(),
    Case(
        "1: verify passes what it could not read",
        "verify",
        "redline numbered by list numbering",
        _verify_unnumbered,
        EXIT_DIFFERS,
        "0 of 2 provisions matched",
        stream="stdout",
    ),
    Case(
        "12: numbers read from a file",
        "parse",
        "table indent of 20 digits",
        _huge_indent,
        EXIT_OK,
        "G3.20",
        stream="stdout",
    ),
    _yaml_case("5: YAML bombs", "alias bomb (9 levels of 9 aliases)", "apply", make.alias_bomb, "aliases (*a)"),
    _yaml_case("5: YAML bombs", "lists nested 50,000 deep", "apply", make.deep_yaml, "nested more than 64"),
    _yaml_case(
        "5: YAML bombs",
        "a 40-digit integer",
        "apply",
        (
            '    insert: "which forms part of a SMETS2+ Device"',
            '    insert: "which forms part of a SMETS2+ Device"\n    occurrence: ' + "1" * 40,
        ),
        "too long",
    ),
    _yaml_case(
        "7: characters XML forbids",
        "vertical tab in inserted words",
        "apply",
        ('insert: "which forms part', 'insert: "which\\vforms part'),
        "U+000B",
    ),
    _yaml_case(
        "7: characters XML forbids", "ESC in the author", "redline", ("author: SECAS", 'author: "SE\\eCAS"'), "U+001B"
    ),
    _yaml_case(
        "7: characters XML forbids",
        "U+FFFF in the title",
        "redline",
        ('title: "Correction', 'title: "\\uFFFFCorrection'),
        "U+FFFF",
    ),
    _yaml_case(
        "8: impossible dates", "2019-02-30", "apply", ("date: 2019-10-04", "date: 2019-02-30"), "not a valid date"
    ),
    _yaml_case(
        "8: impossible dates", "hour 25", "apply", ("date: 2019-10-04", "date: 2019-10-04T25:00:00"), "not a valid date"
    ),
    _yaml_case("8: impossible dates", "year 0", "apply", ("date: 2019-10-04", "date: 0000-01-01"), "not a valid date"),
    _yaml_case("5: YAML", "not YAML", "apply", ("changes:", "changes: [unclosed"), "not valid YAML"),
    _yaml_case(
        "15: limits", "author of 300 characters", "redline", ("author: SECAS", f"author: {LONG}"), "Word allows 255"
    ),
    Case("15: limits", "apply", "anchor found 100,000 times", _many_matches, EXIT_CHANGESET, "and 99995 more"),
    Case(
        "14: combining accents",
        "apply",
        "anchor ending before a combining accent",
        _accent,
        EXIT_CHANGESET,
        "not found",
    ),
    Case(
        "13: duplicate clause numbers",
        "apply",
        "two provisions numbered G3.20",
        _duplicates,
        EXIT_CHANGESET,
        "is ambiguous",
    ),
    Case(
        "7: characters XML forbids",
        "redline",
        "ESC and U+FFFE in the base text",
        _forbidden_base,
        EXIT_OK,
        "replaced U+001B, U+FFFE",
    ),
    _report_case(
        "5: YAML bombs", "alias bomb in metadata", lambda d: make.alias_bomb(d, "report.yaml"), "aliases (*a)"
    ),
    _report_case(
        "8: impossible dates",
        "decision on 9999-12-30",
        ("decision: 2019-10-11", "decision: 9999-12-30"),
        "not a plausible date",
    ),
    _report_case(
        "7: characters XML forbids",
        "NUL escape in the title",
        ('title: "Correction', 'title: "\\0Correction'),
        "U+0000",
    ),
    _report_case(
        "15: markup in metadata",
        "HTML and Markdown in the title",
        ('title: "Correction', 'title: "<script>x</script> *bold* Correction'),
        "wrote",
        EXIT_OK,
    ),
    _template_case("division by zero", "{{ 1/0 }}", "ZeroDivisionError"),
    _template_case("bad % format", '{{ "%d" % "x" }}', "TypeError"),
    _template_case("a macro calling itself", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself"),
    _template_case("not UTF-8", b"\xff\xfe{{ x }}", "not UTF-8"),
    _template_case(
        "loops of 10^10 steps",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "still running after 10 s",
    ),
    _template_case("a 100 GB string", '{{ "x" * 100000000000 }}', "sandbox"),
    _template_case("reaching Python internals", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "sandbox"),
    _template_case("syntax error", "{% if %}", "template syntax error"),
    _template_case("division by zero", "{{ 1/0 }}", "ZeroDivisionError", entry="report"),
    _template_case(
        "a note called that the page does not hold",
        '<p>Illustrative<sup><a role="doc-noteref" href="#note-1">1</a></sup></p>',
        "modification-report.html.j2: links to a footnote the page does not hold (#note-1)",
        entry="report",
    ),
    Case(
        "9: user templates",
        "redline --templates",
        "reference.docx inflating to 70 MB",
        _bad_reference,
        EXIT_INPUT,
        "not usable as a reference",
    ),
    Case("10: file system", "apply", "output path is the base", _output_is_input, EXIT_OUTPUT, "refusing to write"),
    Case(
        "10: file system", "redline", "output folder is a file", _output_folder_is_a_file, EXIT_OUTPUT, "cannot write"
    ),
    Case(
        "10: file system",
        "report",
        "disk full after 20 kB",
        _full_disk_report,
        EXIT_OUTPUT,
        "nothing was written",
        file_size=20_000,
    ),
    Case(
        "10: file system",
        "redline",
        "disk full after 20 kB",
        _full_disk_redline,
        EXIT_OUTPUT,
        "nothing was written",
        file_size=20_000,
    ),
]


from tests.hostile.reliability import RELIABILITY_CASES  # noqa: E402  (issue 27's causes, numbered 16 on)

CASES += RELIABILITY_CASES
