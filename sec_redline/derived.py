"""What a change set derived from two versions says of itself, and the placeholders it carries until the
analyst sets them (a light module: the command line names them before anything is derived)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PLACEHOLDER_MODIFICATION = "MP000"
PLACEHOLDER_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class ChangeSetHeader:
    """What a derived change set says of itself; ``base`` None takes the old text's 'SEC Version' line."""

    modification: str
    title: str
    author: str
    date: dt.date
    base: str | None = None

    @property
    def placeholders(self) -> list[str]:
        """Which of its words are the placeholders ("modification MP000", "date 2000-01-01")."""
        return [
            f"{name} {value}"
            for name, value, default in (
                ("modification", self.modification, PLACEHOLDER_MODIFICATION),
                ("date", self.date.isoformat(), PLACEHOLDER_DATE.isoformat()),
            )
            if value == default
        ]


__all__ = ["PLACEHOLDER_DATE", "PLACEHOLDER_MODIFICATION", "ChangeSetHeader"]
