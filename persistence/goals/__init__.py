"""Goals' tables and repositories."""

from persistence.goals.goals import SqlGoalRepository
from persistence.goals.history import SqlHistoryRepository
from persistence.goals.plan import SqlPlanRepository
from persistence.goals.settings import SqlSettingsRepository

REPOSITORIES = {
    "goals": SqlGoalRepository,
    "plan": SqlPlanRepository,
    "history": SqlHistoryRepository,
    "settings": SqlSettingsRepository,
}
