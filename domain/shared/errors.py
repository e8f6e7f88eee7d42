"""Errors that carry a message for the person, and the form field at fault where there is one."""


class DomainError(Exception):
    """A rule said no. `message` is written for the person who asked."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(DomainError):
    """One or more form fields are wrong; `errors` maps each field to what to fix."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()), field=next(iter(errors), None))
        self.errors = dict(errors)


class AlreadyExists(DomainError):
    """The thing was already saved, for example by a repeated submission."""


class LookupFailed(DomainError):
    """A person's profile could not be fetched from the chat platform."""


class AlreadyDone(AlreadyExists):
    """The same request came again (Slack retried it, or a form was submitted twice); its first delivery acted."""

    def __init__(self):
        super().__init__("Trellis got this twice and saved it once. Nothing more to do.")
