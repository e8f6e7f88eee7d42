"""Kudos's tables and repositories."""

from persistence.kudos.repository import SqlKudosRepository
from persistence.kudos.settings import SqlKudosSettingsRepository

REPOSITORIES = {"kudos": SqlKudosRepository, "kudos_settings": SqlKudosSettingsRepository}
