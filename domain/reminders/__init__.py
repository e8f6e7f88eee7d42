"""Reminders: preferences, schedules, and the engine that plans, rate-limits and sends every kind."""
