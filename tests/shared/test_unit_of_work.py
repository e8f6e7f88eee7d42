"""A unit of work is one transaction: it can be opened again after it closes, never while it is open."""

import pytest

from domain.shared.workspace import WorkspaceKey
from persistence.uow import GOALS, UnitOfWorkInUse, unit_of_work_factory

ACME = WorkspaceKey("", "T1")


def test_a_unit_of_work_cannot_be_entered_twice(uow_factory):
    uow = uow_factory(ACME)
    with uow, pytest.raises(UnitOfWorkInUse), uow:
        pass
    with uow:  # closed: it may be used again
        assert uow.members.get("U1") is None


def test_a_capabilitys_part_holds_only_its_repositories(engine):
    from persistence.database import session_factory

    with unit_of_work_factory(session_factory(engine), GOALS)(ACME) as uow:
        assert uow.goals and uow.members
        assert not hasattr(uow, "reminders")
