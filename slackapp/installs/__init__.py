"""Installs: OAuth into any number of workspaces (and Enterprise Grid orgs), tokens encrypted at rest, rotated
before they expire, and removed at once when Slack says the app was uninstalled or its tokens revoked."""
