"""What the report tests share: the MP087 report context, and the seed text as the templates word it."""

from legal_text import read_text
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.report import check_report, load_report_metadata, report_context
from tests.support import BASE, CHANGES, REPORT, normalise_ws

# The Modification Report's headings, in the seed's order (Appendix B).
SECTIONS = [
    "About this document",
    "1. Summary",
    "2. Background",
    "3. Solution",
    "4. Impacts",
    "5. Costs",
    "6. Implementation approach",
    "7. Conclusions",
    "Appendix 1: Glossary",
    "Contact",
]


def page_words(html):
    """The page as lxml reads it, less the links from a footnote back to its call: controls, not words."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for back in tree.xpath('//a[@role="doc-backlink"]'):
        back.drop_tree()
    return tree


def seed_normalised(seed_text):
    return normalise_ws(
        seed_text.replace("’", "'")
        .replace("‘", "'")
        .replace(" — ", " - ")
        .replace("MPO087", "MP087")
        .replace("MP0O87", "MP087")
    )


def context(with_changes=True):
    meta = load_report_metadata(REPORT)
    cs = load_changeset(CHANGES) if with_changes else None
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    amended = [apply_changeset(base, cs).value] if cs else []
    warnings = check_report(meta, cs)
    return meta, report_context(meta, cs, amended, warnings), warnings
