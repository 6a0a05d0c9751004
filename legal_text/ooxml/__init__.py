"""The one corner that speaks OOXML: every ``w:*`` element is built (``build``) or read (``read``) here,
and the Word package itself is written here (``package``).  Nothing outside this package names a
WordprocessingML element.
"""

from .build import (RevisionIds, RevisionKind, RunStyle, add_page_break, append_page_number, is_paragraph,
                    make_paragraph, make_revision, make_run, make_table, mark_paragraph, tracked_run)
from .names import (MAX_PART_BYTES, TABLE_INDENT_BASE, TABLE_INDENT_STEP, W_NS, safe_parser, table_depth,
                    table_indent, w)
from .package import (APPLICATION, FIXED_ZIP_TIME, PackageError, WordPackage, check_reference, normalise_package,
                      read_part, unpacked_size)
from .read import Para, Revision, Side, paragraph_texts, read_revisions, side_paragraphs, style_names

__all__ = [
    "APPLICATION", "FIXED_ZIP_TIME", "MAX_PART_BYTES", "TABLE_INDENT_BASE", "TABLE_INDENT_STEP", "W_NS",
    "PackageError", "Para", "Revision", "RevisionIds", "RevisionKind", "RunStyle", "Side", "WordPackage",
    "add_page_break", "append_page_number", "check_reference", "is_paragraph", "make_paragraph",
    "make_revision", "make_run", "make_table", "mark_paragraph", "normalise_package", "paragraph_texts",
    "read_part", "read_revisions", "safe_parser", "side_paragraphs", "style_names", "table_depth",
    "table_indent", "tracked_run", "unpacked_size", "w",
]
