"""The workspace's kudos settings: the weekly allowance and the list of values; admins change them."""

import re
from dataclasses import dataclass

from domain.kudos.ports import KudosUnitOfWork
from domain.kudos.rules import DEFAULT_ALLOWANCE, Value
from domain.kudos.services import allowance_limit
from domain.people.members import Member, admin_only
from domain.shared.forms import FormCheck

MOST_VALUES = 10
LARGEST_ALLOWANCE = 100
VALUE_LINE = re.compile(r"(?:(:[\w+'-]{1,60}:)|([^\w\s#:<>&]{1,8}))?\s*#?([\w-]{1,40})")  # ":muscle: ownership"


@dataclass(frozen=True)
class KudosSettings:
    allowance: int
    values: list[Value]


def kudos_settings(uow: KudosUnitOfWork) -> KudosSettings:
    with uow:
        return KudosSettings(allowance_limit(uow), uow.kudos_settings.values())


def read_values(text: str | None) -> list[Value]:
    """One value a line: an emoji (`:muscle:` or 💪), then a one-word name; InvalidInput on "values" otherwise."""
    check = FormCheck()
    values: list[Value] = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = VALUE_LINE.fullmatch(line.strip())
        if match is None:
            example = "like `:muscle: ownership`"
            check.fail("values", f"“{line.strip()[:60]}” isn't an emoji and a one-word name, {example}.")
            continue
        emoji, name = match[1] or match[2] or "", match[3]
        if any(value.name.casefold() == name.casefold() for value in values):
            check.fail("values", f"#{name} is there twice.")
        values.append(Value(name, emoji))
    if len(values) > MOST_VALUES:
        check.fail("values", f"Keep to {MOST_VALUES} values, so each one means something; there are {len(values)}.")
    check.done()
    return values


def set_values(uow: KudosUnitOfWork, member: Member, text: str | None) -> list[Value]:
    admin_only(member, "change the workspace's values")
    values = read_values(text)
    with uow:
        uow.kudos_settings.set_values(values)
        uow.commit()
    return values


def set_allowance(uow: KudosUnitOfWork, member: Member, raw: str | None) -> int:
    admin_only(member, "change the weekly kudos allowance")
    check = FormCheck()
    number = check.number("allowance", raw, "allowance")
    if number is None or number != int(number) or not 1 <= number <= LARGEST_ALLOWANCE:
        most, default = LARGEST_ALLOWANCE, DEFAULT_ALLOWANCE
        check.fail("allowance", f"Choose a whole number from 1 to {most} (the default is {default}).")
    check.done()
    with uow:
        uow.kudos_settings.set_allowance(int(number))
        uow.commit()
    return int(number)
