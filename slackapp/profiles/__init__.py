"""Profiles in Slack: the growth profile modal and view, skills' type-ahead, mentoring requests, growth chats."""
