"""Kudos's action and callback ids: each starts with PREFIX, so no other capability's can collide with them."""

PREFIX = "kudos_"

# Modals (callback ids)
GIVE = "kudos_give"
SETTINGS = "kudos_settings"
VALUES = "kudos_values"

# The message shortcut *Give kudos* (callback id, as in manifest.yml)
FROM_MESSAGE = "kudos_from_message"

# Buttons (action ids)
GIVE_OPEN = "kudos_give_open"
UNDO = "kudos_undo"  # value: the kudos's id
