"""Privacy's one repository: everything about one person in one workspace, read for an export or erased."""

from persistence.privacy.erasing import PersonalErasure
from persistence.privacy.reading import PersonalReading


class SqlPrivacyRepository(PersonalReading, PersonalErasure):
    pass
