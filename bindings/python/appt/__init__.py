"""appt: an embeddable engine for appointments.

Open an :class:`Engine` over a SQLite file or memory, define resources,
services and customers, search slots and run the appointment lifecycle.
Instants are aware :class:`datetime.datetime` values (returned in UTC),
durations are :class:`datetime.timedelta`, zones are IANA names.
See docs/python-guide.md.
"""

from ._errors import (  # noqa: F401
    ConflictError,
    Error,
    FailedPreconditionError,
    InternalError,
    InvalidArgumentError,
    NotFoundError,
    UnavailableError,
)
from ._appt import (  # noqa: F401
    Actor,
    ActorKind,
    Appointment,
    AppointmentState,
    BlockedInterval,
    BookingSource,
    Customer,
    DateException,
    Durability,
    Engine,
    Event,
    EventKind,
    ManualClock,
    Resource,
    Service,
    Slot,
    TimelineEntry,
    __version__,
)
