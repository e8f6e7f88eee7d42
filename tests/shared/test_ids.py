"""Every action and callback id carries its capability's prefix, so two capabilities can never collide."""

from slackapp.goals import ids as goal_ids
from slackapp.reminders import ids as reminder_ids

CAPABILITIES = [goal_ids, reminder_ids]


def ids_of(module) -> dict[str, str]:
    return {
        name: value
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, str) and name != "PREFIX" and not name.startswith("OLD_")
    }


def test_every_id_starts_with_its_capabilitys_prefix():
    for module in CAPABILITIES:
        for name, value in ids_of(module).items():
            assert value.startswith(module.PREFIX), f"{module.__name__}.{name} = {value!r}"


def test_no_prefix_starts_another_so_no_two_capabilities_share_an_id():
    prefixes = [module.PREFIX for module in CAPABILITIES]
    assert not any(a != b and b.startswith(a) for a in prefixes for b in prefixes)


def test_ids_renamed_for_the_prefixes_still_lead_to_a_current_id():
    for module in CAPABILITIES:
        assert set(module.RENAMED.values()) <= set(ids_of(module).values())
