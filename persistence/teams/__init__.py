"""Teams' tables and repository: manager links, and the workspace lock that serialises changes to them."""

from persistence.teams.links import SqlLinkRepository

REPOSITORIES = {"links": SqlLinkRepository}
