"""The modification record's own keys: what the schema cannot say, each problem at its line (exit 4)."""

from __future__ import annotations

import pytest

from sec_redline.errors import MetadataError
from sec_redline.report.metadata import PATH_DOCUMENTS, load_report_metadata
from sec_redline.report.record import load_record
from tests.sec_redline.report.lifecycle_support import EXAMPLES, line_of, variant

SG = EXAMPLES["Self-Governance"]
AD = EXAMPLES["Authority Determination"]


@pytest.mark.parametrize(
    ("record", "edit", "at", "problem"),
    [
        (SG, ("Network Party: {approve: 1,", "Network Parties: {approve: 1,"),
         "Network Parties:", "'Network Parties': unknown Party category (one of: Large Supplier, Small Supplier, "
         "Network Party, Other SEC Party, DCC)"),
        (SG, ("Large Supplier: {approve: 3, reject: 0, abstain: 0}", "Large Supplier: {approve: 3, reject: 0}"),
         "Large Supplier: {approve: 3", "'Large Supplier': must give approve:, reject: and abstain: (counts)"),
        (SG, ("Other SEC Party: {approve: 2,", "Other SEC Party: {approve: -2,"),
         "approve: -2", "'approve': must be a count (0 or more)"),
        (SG, ("  - kind: refinement", "  - kind: working-group"), "kind: working-group",
         "'kind': must be one of refinement, modification-report"),
        (SG, ("  - kind: refinement", "  - kind: modification-report"), "  - kind: modification-report",
         "'kind': a second modification-report consultation; the record holds one of each kind"),
        (SG, ("      - id: Q2\n        text: Would", "      - id: q1\n        text: Would"), "id: q1",
         "'id': question 'q1' is listed twice"),
        (SG, ('  - version: "1.0"', '  - version: "0.1"'), '  - version: "0.1"\n    date: 2025-05-30',
         "'version': legal text version '0.1' is listed twice"),
        (AD, ("  decision: approve", "  decision: approved"), "decision: approved",
         "'decision': must be one of approve, reject, send back"),
        (AD, ("  final_modification_report: \"1.0\"", "  final_report: \"1.0\""), "final_report:",
         "'final_report': no such document"),
    ],
)  # fmt: skip
def test_record_problems_at_their_lines(tmp_path, record, edit, at, problem):
    path = variant(tmp_path, record, edit)
    with pytest.raises(MetadataError) as caught:
        load_record(path)
    text = path.read_text("utf-8")
    n = text[: text.rindex(at)].count("\n") + 1  # the last place ``at`` is written
    (found,) = [p for p in caught.value.problems if problem in p]
    assert found.startswith(f"{path}:{n}: {problem}"), caught.value.problems


def test_every_path_has_its_documents():
    assert set(PATH_DOCUMENTS) == {
        "Fast-Track",
        "Self-Governance",
        "Authority Determination",
        "Urgent",
        "Authority-led",
    }


def test_record_paths_are_relative_to_its_folder(tmp_path):
    record = load_record(SG)
    assert record.file("mp910.changes.yaml") == SG.parent / "mp910.changes.yaml"
    assert set(record.consultations) == {"refinement", "modification-report"}
    assert load_report_metadata(SG).data["lead_analyst"] == "SECAS Lead Analyst"
    assert line_of(SG, "lead_analyst") > 1
