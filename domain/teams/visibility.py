"""Who may see a goal: its owner always; the owner's manager when it is for the manager, the team or everyone; the
owner's teammates (people who share their manager) and that manager when it is for the team; everyone when it is
public. Never anyone else, for a private goal, not even as a count."""

from domain.goals.model import Visibility

SEEN_BY_MANAGER = frozenset({Visibility.MANAGER, Visibility.TEAM, Visibility.PUBLIC})


def may_see(
    visibility: Visibility, owner_id: str, viewer_id: str, owner_manager: str | None, viewer_manager: str | None
) -> bool:
    """`owner_manager` and `viewer_manager` are each one's confirmed manager, if any."""
    if viewer_id == owner_id or visibility is Visibility.PUBLIC:
        return True
    if owner_manager is None:
        return False
    if viewer_id == owner_manager:
        return visibility in SEEN_BY_MANAGER
    return visibility is Visibility.TEAM and viewer_manager == owner_manager
