"""A kudos as given and as kept: who gave it to whom and why, where it was posted, and what it celebrates."""

from dataclasses import dataclass, field
from datetime import date, datetime

from domain.kudos.rules import Value


@dataclass(frozen=True)
class Celebrated:
    """The goal (or one of its milestones) a kudos celebrates, as it was named when the kudos was given."""

    owner_id: str
    goal_number: int
    title: str
    milestone: str | None = None


@dataclass(frozen=True)
class Post:
    """A message Trellis sent: where, and its timestamp, so that it can be taken back."""

    channel: str
    ts: str


@dataclass(frozen=True)
class KudosForm:
    """What the giver asked for, from the command or the modal, not yet checked."""

    recipients: tuple[str, ...]
    reason: str | None
    value: str | None  # a value's name, without '#'
    public: bool
    channel: str | None  # where a public kudos is posted
    link: str | None = None  # the message it was given from
    celebrates: Celebrated | None = None


@dataclass(frozen=True)
class NewKudos:
    """A kudos that passed every rule, ready to record."""

    giver_id: str
    recipients: tuple[str, ...]
    reason: str
    value: Value | None
    channel: str | None  # None: private, only the recipients see it
    link: str | None
    celebrates: Celebrated | None
    week: date  # the Monday of the giver's week, in their zone: whose allowance it used
    given_at: datetime

    @property
    def public(self) -> bool:
        return self.channel is not None


@dataclass(frozen=True)
class Kudos(NewKudos):
    id: int = 0
    post: Post | None = None  # the public post
    dms: dict[str, Post] = field(default_factory=dict)  # each recipient's DM, by user id, once sent
