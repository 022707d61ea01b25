"""appt's exception hierarchy.

Every error the engine reports is an :class:`Error`. The subclasses follow
the engine's status codes; two of them also derive from the built-in
exception a Python caller would expect, so ``except ValueError`` and
``except LookupError`` keep working.
"""


class Error(Exception):
    """Base of every appt error. ``code`` names the engine status code."""

    code = "UNKNOWN"


class InvalidArgumentError(Error, ValueError):
    """Bad input: the message names the field and the value."""

    code = "INVALID_ARGUMENT"


class NotFoundError(Error, LookupError):
    """An unknown id."""

    code = "NOT_FOUND"


class ConflictError(Error):
    """The slot is taken or its capacity is full."""

    code = "ALREADY_EXISTS"


class FailedPreconditionError(Error):
    """The command does not apply in the record's state (e.g. a final one)."""

    code = "FAILED_PRECONDITION"


class UnavailableError(Error):
    """The store is busy or unreachable (e.g. a locked database)."""

    code = "UNAVAILABLE"


class InternalError(Error):
    """A bug or a corrupt store."""

    code = "INTERNAL"


__all__ = [
    "Error",
    "InvalidArgumentError",
    "NotFoundError",
    "ConflictError",
    "FailedPreconditionError",
    "UnavailableError",
    "InternalError",
]
