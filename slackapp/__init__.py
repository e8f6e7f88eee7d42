"""Slack in and out: Bolt app factory, listeners, Block Kit views, command line."""
