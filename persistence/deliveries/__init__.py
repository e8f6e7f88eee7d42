"""Deliveries: which of Slack's requests were already acted on, so a repeat has no second effect."""
