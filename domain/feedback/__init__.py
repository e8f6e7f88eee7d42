"""Feedback requests: ask named teammates specific questions, answer in Slack, with anonymity that holds."""
