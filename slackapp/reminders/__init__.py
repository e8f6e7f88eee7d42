"""Reminders in Slack: settings, snoozing, the App Home button, and the sender every kind goes through."""
