"""Numbering profiles: how a kind of document numbers its provisions and how a reference to one is written.

A profile is data, chosen per document by its title line; the readers, the
reference parser and the writers take their patterns from it.  Adding another
code's numbering (the BSC's "1.1.1", the REC's) means adding a profile here,
not another code path.

========= =================================== ======================== ===================
Profile   Title line                          Provisions               Written reference
========= =================================== ======================== ===================
section   ``Section G 'Security'``            G3 (group), G3.20, (b),  ``G3.20(b)(i)``
                                              (i), (A)
appendix  ``Appendix AD 'DCC User Interface   1 (group), 1.2, 1.2.3,   ``AD 1.2.3(a)``;
          Specification'``                    (a), (i), (A); tables    ``Appendix A 1.2``
                                              captioned "Table 28a"    (one-letter code)
========= =================================== ======================== ===================

An Appendix reference is the document's code, a space and the number
(``AD 1.2.3(a)``).  Where the code is one letter (Appendix A to Z) it would read
as a Section reference (``A 1.2`` is ``A1.2`` once spaces go), so the word
``Appendix`` is written first: ``Appendix A 1.2``.  A whole Appendix is
``Appendix AD``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

_SUFFIX = r"[A-Z]{0,2}"  # the letters of an inserted provision: G3.20A, 1.2.3A


@dataclass(frozen=True)
class Profile:
    """How one kind of document is titled and numbered."""

    name: str  # "section", "appendix"
    word: str  # the word a title and an instruction use: "Section", "Appendix"
    order: int  # where documents of this kind stand in the code: Sections before Appendices
    code: str  # the pattern of a document's code: G, AD
    # A clause number as it starts a line: named groups ``num`` (the whole number), ``group`` and ``clause``,
    # and ``sec`` where the number carries the document's code (G3.20).
    number: str
    group: str  # a group label as it starts a heading line: G3, 1
    carries_code: bool  # True when a clause number starts with the document's code (G3.20)
    dot: str = ""  # what may follow a number before its words: r"\.?" where "1.2." is written for "1.2"
    notes: tuple[str, ...] = field(default=(), compare=False)

    # Patterns made once from the above.
    @cached_property
    def clause_re(self) -> re.Pattern[str]:
        return re.compile(rf"^(?P<num>{self.number}){self.dot}(?:\s+(?P<rest>.*))?$")

    @cached_property
    def group_re(self) -> re.Pattern[str]:
        return re.compile(rf"^(?P<label>{self.group}){self.dot}\s+(?P<title>[A-Z].*)$")

    @cached_property
    def clause_start(self) -> re.Pattern[str]:
        """A clause number at the start of a line (no groups: the first look of ``_uncollapse``)."""
        return re.compile(rf"{_ungrouped(self.number)}(?:\s|$)")

    @cached_property
    def split_clause(self) -> re.Pattern[str]:
        """A clause number inside a collapsed line, before a capital: where that line is cut."""
        return re.compile(rf"(?<=\S)\s+(?=(?P<num>{self.number})\s+[A-Z\[“\"])")

    @cached_property
    def label_alone(self) -> re.Pattern[str]:
        return re.compile(rf"^(?:\((?:[a-z]{{1,4}}|[A-Z])\)|{_ungrouped(self.number)})$")

    @cached_property
    def title_re(self) -> re.Pattern[str]:
        return re.compile(
            rf"""^{self.word.lower()}\s+(?P<sec>{self.code})\s*(?::|-|–|—)?\s*['‘’"“]?(?P<title>[^'‘’"“”]*?)['’"”]?\s*$""",
            re.IGNORECASE,
        )

    def format_ref(self, code: str, group: str | None, clause: str | None) -> str:
        """A reference's document and number as written (without the paragraph path)."""
        if self.carries_code:
            if group is None:
                return code
            return code + group + (f".{clause}" if clause is not None else "")
        lead = f"{code} " if len(code) > 1 else f"{self.word} {code} "
        if group is None:
            return f"{self.word} {code}"
        return lead + group + (f".{clause}" if clause is not None else "")

    def heading(self, code: str, title: str = "") -> str:
        """How a document of this kind is headed: ``Appendix AD 'DCC User Interface Specification'``."""
        return f"{self.word} {code} '{title}'" if title else f"{self.word} {code}"


def _ungrouped(pattern: str) -> str:
    """``pattern`` with its named groups made plain groups (to embed twice in one pattern)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


SECTION = Profile(
    name="section",
    word="Section",
    order=0,
    code=r"[A-Z]{1,2}",
    number=rf"(?P<sec>[A-Z]{{1,2}})(?P<group>\d+)\.(?P<clause>\d+{_SUFFIX})",
    group=r"[A-Z]{1,2}\d+",
    carries_code=True,
)
APPENDIX = Profile(
    name="appendix",
    word="Appendix",
    order=1,
    code=r"[A-Z]{1,2}",
    # 1.2, 1.2.3, 1.2.3.4A: the first step is the group, the rest the clause ("2.3")
    number=rf"(?P<group>\d{{1,3}})\.(?P<clause>\d{{1,3}}{_SUFFIX}(?:\.\d{{1,3}}{_SUFFIX}){{0,4}})",
    group=r"\d{1,3}",
    carries_code=False,
    dot=r"\.?",
)
PROFILES: dict[str, Profile] = {p.name: p for p in (SECTION, APPENDIX)}


def profile(name: str) -> Profile:
    """The profile called ``name`` ("section", "appendix")."""
    return PROFILES[name]


def document_name(profile_name: str, code: str) -> str:
    """``Section G``, ``Appendix AD``: how an instruction or a message names a document."""
    return f"{PROFILES[profile_name].word} {code}"


def document_order(profile_name: str, code: str) -> tuple[int, int, str]:
    """Where a document stands in the code: Sections A to X, then Appendices A, B, ... AA, AB, ..."""
    return (PROFILES[profile_name].order, len(code), code)


Identity = tuple[str, str]  # a document of a code: (profile, code), ("section", "G"), ("appendix", "AD")
DEFINITIONS_HOME: Identity = (SECTION.name, "A")  # where the SEC's definitions stand: Section A


def identities_named(name: str) -> list[Identity]:
    """The documents a name may mean, the likelier first; the one reading of a document's name for every
    user (change sets' ``document:``, ``--section``, a folder's files).

    ``"Section G"``, ``"appendix ad"``: that one document.  A bare code, ``"G"`` or ``"AD"``: the Section
    or the Appendix with that code; the Section first for one letter, the Appendix first for two (the
    SEC's Sections have one letter, its later Appendices two).  Anything else (``"Schedule 3"``): none.
    """
    words = name.split()
    if len(words) == 2:
        kind = next((p for p in PROFILES.values() if p.word.lower() == words[0].lower()), None)
        return [(kind.name, words[1].upper())] if kind is not None else []
    if len(words) != 1:
        return []
    code = words[0].upper()
    both = [(SECTION.name, code), (APPENDIX.name, code)]
    return both if len(code) == 1 else both[::-1]


def named_as_written(name: str) -> str:
    """How a message names the document ``name`` means: "Section G" for "G", "Appendix AD" as written."""
    found = identities_named(name)
    return document_name(*found[0]) if found else name.strip()
