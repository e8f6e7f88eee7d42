"""Repositories bound to one workspace: every query they run is scoped by it."""
