"""The unit of work every capability's use cases run in: one transaction in one workspace."""

from collections.abc import Callable
from typing import Protocol, Self

from domain.shared.workspace import WorkspaceKey


class UnitOfWork(Protocol):
    """Rolls back on exit unless committed. Entering it again before leaving it is a mistake, and raises."""

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[WorkspaceKey], UnitOfWork]
