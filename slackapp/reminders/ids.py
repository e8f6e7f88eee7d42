"""Reminders' action and callback ids: each starts with PREFIX, so no other capability's can collide with them."""

PREFIX = "reminder_"

SETTINGS = "reminder_settings"  # the settings modal (callback id)
SETTINGS_OPEN = "reminder_settings_open"
TZ_OPTIONS = "reminder_tz"
COUNTRY_OPTIONS = "reminder_country"
SNOOZE = "reminder_snooze"  # value: "hour:<reminder id>" or "tomorrow:<reminder id>"

RENAMED = {"home_reminder_settings": SETTINGS_OPEN}  # ids in views published before the prefixes
