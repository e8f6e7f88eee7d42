"""Feedback's tables and repositories."""

from persistence.feedback.requests import SqlFeedbackRepository
from persistence.feedback.settings import SqlFeedbackSettingsRepository

REPOSITORIES = {"feedback": SqlFeedbackRepository, "feedback_settings": SqlFeedbackSettingsRepository}
