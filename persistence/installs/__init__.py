"""Installs: slack_sdk's installation tables with tokens encrypted at rest, and each workspace's install state."""
