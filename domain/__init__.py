"""Trellis's rules and use cases in plain Python: no Slack, no database, no Redis."""
