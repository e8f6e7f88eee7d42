"""Reading raw form values: each check records a message on the field at fault, then all are raised at once."""

import math
from datetime import date
from enum import Enum

from domain.shared.errors import InvalidInput
from domain.shared.text import human_date


class FormCheck:
    def __init__(self):
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def ok(self, *fields: str) -> bool:
        return not any(field in self.errors for field in fields)

    def done(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors)

    def text(self, field: str, raw: str | None, name: str, limit: int, *, required: bool = True) -> str | None:
        text = (raw or "").strip()
        if not text and required:
            self.fail(field, f"Write {name}: it can't be empty.")
        elif len(text) > limit:
            self.fail(field, f"Keep {name} to {limit} characters; it has {len(text)}.")
        return text or None

    def choice(self, field: str, enum: type[Enum], raw: str | None, message: str):
        try:
            return enum(raw)
        except ValueError:
            self.fail(field, message)
            return None

    def number(self, field: str, raw: str | None, name: str) -> float | None:
        text = (raw or "").strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.fail(field, f"The {name} must be a number, like 45 or 2.5.")
            return None
        return value

    def day(self, field: str, raw: str | None, today: date, *, name: str = "due date") -> date | None:
        """A date that is not in the past."""
        try:
            day = date.fromisoformat(raw or "")
        except ValueError:
            self.fail(field, f"Pick a {name}.")
            return None
        if day < today:
            self.fail(field, f"The {name} {human_date(day)} is in the past. Pick today or a later date.")
        return day

    def within(self, field: str, day: date | None, earliest: date, latest: date, why: str) -> None:
        if day is not None and self.ok(field) and not earliest <= day <= latest:
            self.fail(field, f"{why}: pick a date from {human_date(earliest)} to {human_date(latest)}.")
