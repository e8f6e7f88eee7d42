"""The member directory's table and repository."""

from persistence.people.repository import SqlMemberRepository

REPOSITORIES = {"members": SqlMemberRepository}
