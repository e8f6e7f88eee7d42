"""Erasing a person: everything Trellis holds about them in one workspace, in one transaction, so nothing is ever
half-erased. What is deleted and what is kept without their name is set out in domain.privacy.kinds."""

from domain.privacy.kinds import in_words
from domain.privacy.ports import PrivacyUnitOfWork
from domain.privacy.records import Erased


def erase_data(uow: PrivacyUnitOfWork, user_id: str) -> Erased:
    """Erase everything about `user_id`; a repeat (a second click) erases nothing and says so."""
    with uow:
        erased = uow.privacy.erase(user_id)
        uow.commit()
    return erased


def erased_text(erased: Erased) -> str:
    """What the person is told, with counts only."""
    if erased.nothing:
        return "Trellis holds nothing about you in this workspace, so there was nothing to erase."
    text = f"Erased: {in_words(erased.deleted)}."
    if any(erased.unnamed.values()):
        text += f" Kept without your name, because they are other people's: {in_words(erased.unnamed)}."
    if erased.places_freed:
        text += " Your mentor's place is free again."
    return text
