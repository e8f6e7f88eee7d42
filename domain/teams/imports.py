"""A workspace admin's import of manager links from a CSV file of `email,manager_email` (or Slack user ids): each
row matched to people, checked by the same rules as a link made with consent, and confirmed at once. Rows that
can't be are listed with the reason; the person of every row that is gets told and can end it."""

import csv
import io
import re
from dataclasses import dataclass
from typing import Protocol

from domain.people.candidates import Candidate, remember
from domain.people.members import Member, admin_only
from domain.shared.clock import Clock
from domain.shared.errors import DomainError, LookupFailed
from domain.teams.links import check_link
from domain.teams.ports import TeamsUnitOfWork
from domain.teams.records import Link

MOST_ROWS = 200
EMAIL = re.compile(r"[^@\s,<>]+@[^@\s,<>]+\.[^@\s,<>]+")
USER_ID = re.compile(r"<?@?([UW][A-Z0-9]{1,31})(?:\|[^>]*)?>?")


@dataclass(frozen=True)
class Row:
    line: int
    person: str  # an email or a Slack user id, as written
    manager: str


@dataclass(frozen=True)
class Skipped:
    line: int
    text: str  # the row as written
    why: str


@dataclass(frozen=True)
class Imported:
    linked: list[Link]
    skipped: list[Skipped]  # by line


class PeopleFinder(Protocol):
    """People by email (users.lookupByEmail) or by user id (users.info)."""

    def find(self, identifier: str) -> Candidate | None:
        """None when no one matches; raises LookupFailed when the platform can't be asked."""
        ...


def identifier(cell: str) -> str | None:
    """An email (lower-cased) or a Slack user id; None when the cell is neither."""
    cell = cell.strip()
    if EMAIL.fullmatch(cell):
        return cell.lower()
    match = USER_ID.fullmatch(cell)
    return match[1] if match else None


def read_rows(text: str) -> tuple[list[Row], list[Skipped]]:
    """The rows of a CSV file, with those that can't be read; a first row that names the columns (neither cell an
    email nor a user id) is skipped."""
    rows, skipped = [], []
    reader = csv.reader(io.StringIO(text, newline=None))  # \n, \r\n or a lone \r (Excel for Mac) end a row
    try:
        for line, cells in enumerate(reader, start=1):
            _read_row(line, [cell.strip() for cell in cells if cell.strip()], rows, skipped)
    except csv.Error as error:
        raise DomainError(f"Line {reader.line_num} of the file can't be read as CSV ({error}).") from error
    if len(rows) + len(skipped) > MOST_ROWS:
        count = len(rows) + len(skipped)
        raise DomainError(f"A file can link at most {MOST_ROWS} people; this one has {count} rows. Split it.")
    if not rows and not skipped:
        raise DomainError("The file is empty. Each row is `email,manager_email`.")
    return rows, skipped


def _read_row(line: int, cells: list[str], rows: list[Row], skipped: list[Skipped]) -> None:
    found = [identifier(cell) for cell in cells]
    if not cells or (line == 1 and not any(found)):  # empty, or the header
        return
    written = ",".join(cells)
    if len(cells) != 2:
        skipped.append(Skipped(line, written, "a row has two columns: the person, then their manager"))
    elif None in found:
        skipped.append(Skipped(line, written, "each column is an email or a Slack user id"))
    else:
        rows.append(Row(line, *found))


def _found(finder: PeopleFinder, rows: list[Row]) -> dict[str, Candidate | None]:
    wanted = sorted({cell for row in rows for cell in (row.person, row.manager)})
    try:
        return {cell: finder.find(cell) for cell in wanted}
    except LookupFailed as error:
        if "missing_scope" in str(error):
            raise DomainError(
                "Trellis isn't allowed to look people up by email in this workspace yet: reinstall it from "
                "manifest.yml, which asks for users:read.email."
            ) from error
        raise DomainError("Trellis couldn't look people up in Slack just now. Try the import again later.") from error


def _why_not(person: Candidate | None, cell: str) -> str | None:
    if person is None:
        return f"no one in this workspace has {cell}"
    if person.is_bot:
        return f"{person.name} is a bot"
    if person.deactivated:
        return f"{person.name} is no longer in this workspace"
    return None


def import_links(uow: TeamsUnitOfWork, clock: Clock, finder: PeopleFinder, admin: Member, text: str) -> Imported:
    admin_only(admin, "import manager links")
    rows, skipped = read_rows(text)
    found = _found(finder, rows)
    now = clock.now()
    linked: list[Link] = []
    with uow:
        uow.links.lock()
        people = {c.user_id: c for c in found.values() if c is not None}
        remember(uow.members, list(people.values()), now)
        names = {user_id: c.name for user_id, c in people.items()}
        for row in rows:
            person, manager = found[row.person], found[row.manager]
            why = _why_not(person, row.person) or _why_not(manager, row.manager)
            if why is None and person.user_id == manager.user_id:
                why = "a person can't be their own manager"
            if why is None:
                try:
                    check_link(uow.links, manager.user_id, person.user_id, names)
                    link = uow.links.add_confirmed(manager.user_id, person.user_id, admin.user_id, now)
                    why = None if link else f"{person.name} and {manager.name} are linked already, or asked to be"
                except DomainError as error:
                    link, why = None, error.message
                if link:
                    uow.links.withdraw_requests(link.report_id)
                    linked.append(link)
            if why:
                skipped.append(Skipped(row.line, f"{row.person},{row.manager}", why))
        uow.commit()
    return Imported(linked, sorted(skipped, key=lambda s: s.line))
