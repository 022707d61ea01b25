"""appt: an embeddable engine for appointments.

Open an :class:`Engine` over a SQLite file or memory, define resources,
services and customers, search slots and run the appointment lifecycle;
define :class:`MessageRule` values and a notifier callable for the
confirmations and reminders the engine decides to send; define a
:class:`StatusChain` to have bookings approved before they are confirmed,
and :class:`TaskRule` values and :class:`ConfirmationSettings` for the
agent's tasks, the confirmation board and the release of unconfirmed
visits.
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
    Audience,
    BlockedInterval,
    BookingSource,
    Channel,
    ConfirmToken,
    ConfirmationBoard,
    ConfirmationFlag,
    ConfirmationSettings,
    ConsentKind,
    Customer,
    DateException,
    DayFlagCount,
    DispatchReport,
    Durability,
    Engine,
    Event,
    EventKind,
    Firing,
    FlaggedAppointment,
    FiringOutcome,
    LocalTimeOfDay,
    ManualClock,
    Message,
    MessageKind,
    MessageRule,
    MessageState,
    MessageTemplate,
    MessagingSettings,
    Resource,
    RunDueReport,
    SendOutcome,
    SendResult,
    Service,
    ServiceChain,
    Slot,
    Status,
    StatusBoard,
    StatusChain,
    StatusChange,
    StatusCount,
    StatusMarker,
    TEMPLATE_FIELDS,
    Task,
    TaskRule,
    TaskState,
    TaskTrigger,
    TimelineEntry,
    Timer,
    TimerKind,
    WorkflowSettings,
    __version__,
)
