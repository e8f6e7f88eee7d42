"""Privacy's repository: everything about one person, read from every capability's tables and erased in one
transaction. It sits above the other capabilities' persistence, as privacy sits above them in every layer."""

from persistence.privacy.repository import SqlPrivacyRepository

REPOSITORIES = {"privacy": SqlPrivacyRepository}
