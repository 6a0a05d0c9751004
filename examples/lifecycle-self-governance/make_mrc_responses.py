"""Writes mrc-responses.xlsx, the example's Modification Report Consultation responses as an Excel workbook
(ILLUSTRATIVE respondents).  The workbook in this folder was made by this script; run it to remake it:

    .venv/bin/python examples/lifecycle-self-governance/make_mrc_responses.py
"""

import datetime
from pathlib import Path

import openpyxl

ROWS = [
    ("respondent", "category", "confidential", "Q1", "Q1 comment", "Q2", "Q2 comment"),
    (
        "Large Supplier A (illustrative)",
        "Large Supplier",
        "no",
        "Yes",
        "The Working Group addressed our concern.",
        "Yes",
        "November 2025 suits our release plans.",
    ),
    ("Small Supplier C (illustrative)", "Small Supplier", "no", "Yes", "", "Yes", ""),
    (
        "Network Party D (illustrative)",
        "Network Party",
        "no",
        "Neutral",
        "No impact on network operators.",
        "Neutral",
        "",
    ),
    ("Other SEC Party F (illustrative)", "Other SEC Party", "no", "Yes", "Clearer obligations help Users.", "Yes", ""),
    (
        "Harrowgate Pendleby Ltd",
        "Small Supplier",
        "yes",
        "No",
        "Kestrune ballast overrides Thimbleworth.",
        "No",
        "Gorsewick remits zilch.",
    ),
]

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Responses"
for row in ROWS:
    sheet.append(row)
book.properties.creator = "SECAS (illustrative)"
book.properties.created = book.properties.modified = datetime.datetime(2025, 6, 20)
book.save(Path(__file__).with_name("mrc-responses.xlsx"))
