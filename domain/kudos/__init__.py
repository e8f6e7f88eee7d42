"""Kudos: recognition between peers, with values, an allowance that never overruns, and undo."""
