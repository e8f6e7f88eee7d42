"""A person's export: every kind of record Trellis holds about them, shaped by the same rules that govern what
the app shows them. Anonymous answers they received show as the app shows them: without an author, and only once
enough people answered anonymously; who hasn't answered a request that allows anonymity is never listed."""

from dataclasses import dataclass
from datetime import datetime

from domain.feedback.answers import reveal
from domain.feedback.reading import RECEIVED_KEY
from domain.feedback.records import AskState
from domain.privacy.kinds import KINDS
from domain.privacy.ports import PrivacyUnitOfWork
from domain.privacy.records import Ask, Holdings, Received
from domain.shared.workspace import WorkspaceKey


@dataclass(frozen=True)
class Export:
    user_id: str
    workspace: WorkspaceKey
    at: datetime
    records: dict[str, list[dict]]  # every kind in KINDS order, each record with exactly its kind's columns

    def counts(self) -> dict[str, int]:
        return {name: len(records) for name, records in self.records.items()}

    @property
    def empty(self) -> bool:
        return not any(self.records.values())


def export_data(uow: PrivacyUnitOfWork, workspace: WorkspaceKey, user_id: str, at: datetime) -> Export:
    with uow:
        holdings = uow.privacy.holdings(user_id)
    return export_of(user_id, workspace, at, holdings)


def export_of(user_id: str, workspace: WorkspaceKey, at: datetime, holdings: Holdings) -> Export:
    found = dict(holdings.records)
    found["feedback_requests"] = [
        _request(r, holdings.asks.get(r["number"], [])) for r in found.get("feedback_requests", [])
    ]
    found["feedback_received"], found["feedback_held"] = _received(holdings.received)
    records = {kind.name: [{c: r.get(c) for c in kind.columns} for r in found.get(kind.name, [])] for kind in KINDS}
    return Export(user_id, workspace, at, records)


def _request(request: dict, asks: list[Ask]) -> dict:
    """Who was asked, how many answered, who declined and why; who is still waiting only where no one may answer
    anonymously (elsewhere the app never lists them, or a missing name would point at an anonymous answer)."""
    waiting = [a.user_id for a in asks if a.state == AskState.WAITING.value]
    return {
        **request,
        "asked": [a.user_id for a in asks],
        "answered": sum(a.state == AskState.DONE.value for a in asks),
        "declined": [{"user_id": a.user_id, "reason": a.reason} for a in asks if a.state == AskState.DECLINED.value],
        "waiting": [] if request.get("anonymous_allowed") else waiting,
    }


def _received(groups: list[Received]) -> tuple[list[dict], list[dict]]:
    shown, held = [], []
    for group in groups:
        seen = reveal(group.request_id if group.request_id is not None else RECEIVED_KEY, group.answers)
        for answer in seen.shown:
            shown.append(
                {
                    "request": group.number,
                    "given_on": answer.given_on,
                    "author": None if answer.anonymous else answer.author_id,
                    "anonymous": answer.anonymous,
                    "questions": group.questions.get(answer.id, []),
                    "replies": list(answer.replies),
                }
            )
        if seen.held:
            held.append({"request": group.number, "held": seen.held, "why": seen.why_held})
    return shown, held
