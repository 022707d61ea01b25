"""Type stub for appt._appt, the compiled core of the appt package.

Checked against the module by tests/python/test_stub.py.
"""

import datetime
import enum
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

__version__: str
TEMPLATE_FIELDS: Tuple[str, ...]  # the names a template may use

_Time = Union[str, datetime.time]  # "HH:MM" ("24:00" ends a day)
_Span = Tuple[_Time, _Time]
_WeeklyHours = Dict[int, Sequence[_Span]]  # 0 = Monday … 6 = Sunday

class AppointmentState(enum.Enum):
    BOOKED = 0
    CANCELLED = 1
    ATTENDED = 2
    NO_SHOW = 3
    PENDING = 4

class BookingSource(enum.Enum):
    ONLINE = 0
    AGENT = 1
    API = 2

class ActorKind(enum.Enum):
    CUSTOMER = 0
    STAFF = 1
    ENGINE = 2
    SYSTEM = 3

class EventKind(enum.Enum):
    APPOINTMENT_CREATED = 0
    APPOINTMENT_RESCHEDULED = 1
    APPOINTMENT_CANCELLED = 2
    APPOINTMENT_ATTENDED = 3
    APPOINTMENT_NO_SHOW = 4
    APPOINTMENT_STATUS_CHANGED = 5

class Durability(enum.Enum):
    NORMAL = 0
    FULL = 1

class MessageKind(enum.Enum):
    REQUEST_RECEIVED = 0
    CONFIRMED = 1
    REJECTED = 2
    CANCELLED = 3
    RESCHEDULED = 4
    BOOKING_INFO = 5
    REMINDER = 6
    CONFIRM_VISIT = 7
    NO_SHOW_FOLLOW_UP = 8
    BOOK_AGAIN = 9

class Audience(enum.Enum):
    CUSTOMER = 0
    RESOURCE = 1
    AGENT = 2

class Channel(enum.Enum):
    EMAIL = 0
    SMS = 1
    WHATSAPP = 2

class ConsentKind(enum.Enum):
    EMAIL = 0
    SMS = 1
    WHATSAPP = 2
    MARKETING = 3

class MessageState(enum.Enum):
    QUEUED = 0
    SENT = 1
    DELIVERED = 2
    READ = 3
    FAILED = 4

class FiringOutcome(enum.Enum):
    CREATED = 0
    SKIPPED = 1

class TimerKind(enum.Enum):
    MESSAGE = 0

class SendOutcome(enum.Enum):
    ACCEPTED = 0
    RETRYABLE_FAILURE = 1
    PERMANENT_FAILURE = 2

class Actor:
    kind: ActorKind
    id: str
    def __init__(self, kind: ActorKind = ..., id: str = "") -> None: ...

class DateException:
    date: datetime.date
    hours: List[Tuple[str, str]]
    def __init__(self, *, date: datetime.date,
                 hours: Optional[Sequence[_Span]] = None) -> None: ...

class Resource:
    id: int
    name: str
    time_zone: str
    weekly_hours: Dict[int, List[Tuple[str, str]]]
    exceptions: List[DateException]
    notification_email: str
    responsible_agent: str
    external_id: str
    def __init__(self, *, name: str = "", time_zone: str = "",
                 weekly_hours: Optional[_WeeklyHours] = None,
                 exceptions: List[DateException] = ...,
                 notification_email: str = "", responsible_agent: str = "",
                 external_id: str = "", id: int = 0) -> None: ...

class BlockedInterval:
    id: int
    resource_id: int
    start: datetime.datetime
    end: datetime.datetime
    reason: str
    external_id: str
    def __init__(self, *, resource_id: int, start: datetime.datetime,
                 end: datetime.datetime, reason: str = "",
                 external_id: str = "") -> None: ...

class Service:
    id: int
    name: str
    duration: datetime.timedelta
    resource_ids: List[int]
    price_minor_units: int
    currency: str
    buffer_before: datetime.timedelta
    buffer_after: datetime.timedelta
    capacity: int
    min_notice: datetime.timedelta
    horizon: datetime.timedelta
    workflow_enabled: bool
    external_id: str
    def __init__(self, *, name: str, duration: datetime.timedelta,
                 resource_ids: List[int], price_minor_units: int = 0,
                 currency: str = "EUR",
                 buffer_before: datetime.timedelta = ...,
                 buffer_after: datetime.timedelta = ...,
                 capacity: int = 1,
                 min_notice: datetime.timedelta = ...,
                 horizon: datetime.timedelta = ...,
                 workflow_enabled: bool = False, external_id: str = "",
                 id: int = 0) -> None: ...

class Customer:
    id: int
    name: str
    email: str
    phone: str
    locale: str
    time_zone: str
    consent_email: Optional[datetime.datetime]
    consent_sms: Optional[datetime.datetime]
    consent_whatsapp: Optional[datetime.datetime]
    consent_marketing: Optional[datetime.datetime]
    external_id: str
    def __init__(self, *, name: str, email: str = "", phone: str = "",
                 locale: str = "", time_zone: str = "",
                 consent_email: Optional[datetime.datetime] = None,
                 consent_sms: Optional[datetime.datetime] = None,
                 consent_whatsapp: Optional[datetime.datetime] = None,
                 consent_marketing: Optional[datetime.datetime] = None,
                 external_id: str = "", id: int = 0) -> None: ...

class Appointment:
    @property
    def id(self) -> int: ...
    @property
    def service_id(self) -> int: ...
    @property
    def resource_id(self) -> int: ...
    @property
    def customer_id(self) -> int: ...
    @property
    def start(self) -> datetime.datetime: ...
    @property
    def end(self) -> datetime.datetime: ...
    @property
    def blocked_start(self) -> datetime.datetime: ...
    @property
    def blocked_end(self) -> datetime.datetime: ...
    @property
    def state(self) -> AppointmentState: ...
    @property
    def source(self) -> BookingSource: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    @property
    def cancel_reason(self) -> str: ...
    @property
    def external_id(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def status_id(self) -> int: ...

class Slot:
    @property
    def resource_id(self) -> int: ...
    @property
    def start(self) -> datetime.datetime: ...
    @property
    def seats_left(self) -> int: ...

class TimelineEntry:
    @property
    def id(self) -> int: ...
    @property
    def appointment_id(self) -> int: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def actor(self) -> Actor: ...
    @property
    def kind(self) -> str: ...
    @property
    def details(self) -> str: ...

class Event:
    @property
    def kind(self) -> EventKind: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def actor(self) -> Actor: ...
    @property
    def appointment(self) -> Appointment: ...
    @property
    def previous_start(self) -> Optional[datetime.datetime]: ...
    @property
    def previous_end(self) -> Optional[datetime.datetime]: ...
    @property
    def previous_resource_id(self) -> Optional[int]: ...
    @property
    def previous_status_id(self) -> Optional[int]: ...

class LocalTimeOfDay:
    time: str  # "HH:MM"
    days_before: int
    def __init__(self, time: _Time, *, days_before: int = 0) -> None: ...

class MessageTemplate:
    channel: Channel
    locale: str
    subject: str
    body: str
    def __init__(self, *, channel: Channel, locale: str = "",
                 subject: str = "", body: str = "") -> None: ...

class MessageRule:
    id: int
    name: str
    kind: MessageKind
    enabled: bool
    audience: Audience
    service_ids: List[int]
    channels: List[Channel]
    required_consents: List[ConsentKind]
    templates: List[MessageTemplate]
    offset: datetime.timedelta
    at_local_time: Optional[LocalTimeOfDay]
    grace: datetime.timedelta
    external_id: str
    def __init__(self, *, name: str, kind: MessageKind,
                 channels: List[Channel], templates: List[MessageTemplate],
                 audience: Audience = ..., service_ids: List[int] = ...,
                 required_consents: List[ConsentKind] = ...,
                 offset: datetime.timedelta = ...,
                 at_local_time: Optional[LocalTimeOfDay] = None,
                 grace: datetime.timedelta = ..., enabled: bool = True,
                 external_id: str = "", id: int = 0) -> None: ...

class MessagingSettings:
    business_name: str
    default_locale: str
    send_window: Optional[Tuple[str, str]]
    max_reminders_per_customer_per_day: int
    max_attempts: int
    retry_backoff: datetime.timedelta
    max_retry_backoff: datetime.timedelta
    claim_timeout: datetime.timedelta
    def __init__(self, *, business_name: str = "",
                 default_locale: str = "en",
                 send_window: Optional[_Span] = None,
                 max_reminders_per_customer_per_day: int = 0,
                 max_attempts: int = 5,
                 retry_backoff: datetime.timedelta = ...,
                 max_retry_backoff: datetime.timedelta = ...,
                 claim_timeout: datetime.timedelta = ...) -> None: ...

class StatusMarker(enum.Enum):
    START = 0
    CONFIRMATION = 1
    CANCELLATION = 2

class Status:
    id: int
    name: str
    description: str
    position: int
    colour: str
    marker: StatusMarker
    holds_slot: bool
    def __init__(self, *, name: str, marker: StatusMarker, position: int,
                 description: str = "", colour: str = "#9e9e9e",
                 holds_slot: bool = True, id: int = 0) -> None: ...

class StatusChain:
    id: int
    name: str
    statuses: List[Status]
    def __init__(self, *, name: str, statuses: Sequence[Status],
                 id: int = 0) -> None: ...
    @staticmethod
    def manual_approval() -> StatusChain: ...
    def status(self, name: str) -> Status: ...

class ServiceChain:
    service_id: int
    chain_id: int
    def __init__(self, *, service_id: int, chain_id: int) -> None: ...

class WorkflowSettings:
    enabled: bool
    default_chain_id: int
    service_chains: List[ServiceChain]
    def __init__(self, *, enabled: bool = False, default_chain_id: int = 0,
                 service_chains: Sequence[ServiceChain] = ...) -> None: ...

class StatusChange:
    @property
    def id(self) -> int: ...
    @property
    def appointment_id(self) -> int: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def actor(self) -> Actor: ...
    @property
    def from_status_id(self) -> int: ...
    @property
    def from_status(self) -> str: ...
    @property
    def to_status_id(self) -> int: ...
    @property
    def to_status(self) -> str: ...
    @property
    def reason(self) -> str: ...

class StatusCount:
    @property
    def status_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def count(self) -> int: ...

class StatusBoard:
    @property
    def appointments(self) -> List[Appointment]: ...
    @property
    def unconfirmed(self) -> int: ...
    @property
    def confirmed(self) -> int: ...
    @property
    def counts(self) -> List[StatusCount]: ...

class Message:
    def __init__(self, *, id: int = 0, idempotency_key: str = "",
                 rule_id: int = 0, occurrence: int = 0,
                 kind: MessageKind = ..., audience: Audience = ...,
                 appointment_id: int = 0, customer_id: int = 0,
                 channel: Channel = ..., recipient: str = "",
                 locale: str = "", subject: str = "", body: str = "",
                 calendar: str = "", state: MessageState = ...,
                 attempts: int = 0,
                 created_at: Optional[datetime.datetime] = None,
                 not_before: Optional[datetime.datetime] = None,
                 updated_at: Optional[datetime.datetime] = None,
                 provider_id: str = "", error: str = "") -> None: ...
    @property
    def id(self) -> int: ...
    @property
    def idempotency_key(self) -> str: ...
    @property
    def rule_id(self) -> int: ...
    @property
    def occurrence(self) -> int: ...
    @property
    def kind(self) -> MessageKind: ...
    @property
    def audience(self) -> Audience: ...
    @property
    def appointment_id(self) -> int: ...
    @property
    def customer_id(self) -> int: ...
    @property
    def channel(self) -> Channel: ...
    @property
    def recipient(self) -> str: ...
    @property
    def locale(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def calendar(self) -> str: ...
    @property
    def state(self) -> MessageState: ...
    @property
    def attempts(self) -> int: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def not_before(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    @property
    def provider_id(self) -> str: ...
    @property
    def error(self) -> str: ...

class Firing:
    def __init__(self, *, id: int = 0, rule_id: int = 0,
                 appointment_id: int = 0, occurrence: int = 0,
                 at: Optional[datetime.datetime] = None,
                 outcome: FiringOutcome = ..., message_id: int = 0,
                 reason: str = "") -> None: ...
    @property
    def id(self) -> int: ...
    @property
    def rule_id(self) -> int: ...
    @property
    def appointment_id(self) -> int: ...
    @property
    def occurrence(self) -> int: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def outcome(self) -> FiringOutcome: ...
    @property
    def message_id(self) -> int: ...
    @property
    def reason(self) -> str: ...

class Timer:
    def __init__(self, *, id: int = 0, kind: TimerKind = ...,
                 rule_id: int = 0, appointment_id: int = 0,
                 occurrence: int = 0,
                 nominal_due: Optional[datetime.datetime] = None,
                 due: Optional[datetime.datetime] = None) -> None: ...
    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> TimerKind: ...
    @property
    def rule_id(self) -> int: ...
    @property
    def appointment_id(self) -> int: ...
    @property
    def occurrence(self) -> int: ...
    @property
    def nominal_due(self) -> datetime.datetime: ...
    @property
    def due(self) -> datetime.datetime: ...

class DispatchReport:
    def __init__(self, *, sent: int = 0, retried: int = 0,
                 failed: int = 0) -> None: ...
    @property
    def sent(self) -> int: ...
    @property
    def retried(self) -> int: ...
    @property
    def failed(self) -> int: ...

class RunDueReport:
    def __init__(self, *, messages_created: int = 0, skipped: int = 0,
                 dropped: int = 0,
                 dispatch: DispatchReport = ...) -> None: ...
    @property
    def messages_created(self) -> int: ...
    @property
    def skipped(self) -> int: ...
    @property
    def dropped(self) -> int: ...
    @property
    def dispatch(self) -> DispatchReport: ...

class SendResult:
    def __init__(self, *, outcome: SendOutcome = ..., provider_id: str = "",
                 error: str = "") -> None: ...
    @staticmethod
    def accepted(provider_id: str = "") -> SendResult: ...
    @staticmethod
    def retry(error: str) -> SendResult: ...
    @staticmethod
    def fail(error: str) -> SendResult: ...
    @property
    def outcome(self) -> SendOutcome: ...
    @property
    def provider_id(self) -> str: ...
    @property
    def error(self) -> str: ...

class ManualClock:
    def __init__(self, start: datetime.datetime) -> None: ...
    def now(self) -> datetime.datetime: ...
    def set(self, t: datetime.datetime) -> None: ...
    def advance(self, by: datetime.timedelta) -> None: ...

class Engine:
    @staticmethod
    def open_memory(*, clock: Optional[ManualClock] = None,
                    max_firings_per_transaction: int = 64) -> Engine: ...
    @staticmethod
    def open_sqlite(path: str, *, durability: Durability = ...,
                    busy_timeout: datetime.timedelta = ...,
                    create_if_missing: bool = True,
                    clock: Optional[ManualClock] = None,
                    max_firings_per_transaction: int = 64) -> Engine: ...
    def close(self) -> None: ...
    def __enter__(self) -> Engine: ...
    def __exit__(self, *args: object) -> bool: ...
    def now(self) -> datetime.datetime: ...
    def add_listener(self, callback: Callable[[Event], object]) -> int: ...
    def remove_listener(self, id: int) -> None: ...
    def create_resource(self, resource: Resource) -> int: ...
    def update_resource(self, resource: Resource) -> None: ...
    def get_resource(self, id: int) -> Resource: ...
    def list_resources(self) -> List[Resource]: ...
    def add_blocked_interval(self, block: BlockedInterval) -> int: ...
    def remove_blocked_interval(self, id: int) -> None: ...
    def list_blocked_intervals(self, resource_id: int,
                               start: datetime.datetime,
                               end: datetime.datetime
                               ) -> List[BlockedInterval]: ...
    def create_service(self, service: Service) -> int: ...
    def update_service(self, service: Service) -> None: ...
    def get_service(self, id: int) -> Service: ...
    def list_services(self) -> List[Service]: ...
    def create_customer(self, customer: Customer) -> int: ...
    def update_customer(self, customer: Customer) -> None: ...
    def get_customer(self, id: int) -> Customer: ...
    def search_slots(self, service_id: int, start: datetime.datetime,
                     end: datetime.datetime, *,
                     resource_id: Optional[int] = None,
                     step: Optional[datetime.timedelta] = None
                     ) -> List[Slot]: ...
    def book(self, *, customer_id: int, service_id: int, resource_id: int,
             start: datetime.datetime, source: BookingSource = ...,
             actor: Optional[Actor] = None, force: bool = False,
             notes: str = "", external_id: str = "") -> Appointment: ...
    def reschedule(self, appointment_id: int, new_start: datetime.datetime,
                   *, new_resource_id: Optional[int] = None,
                   actor: Optional[Actor] = None,
                   force: bool = False) -> Appointment: ...
    def cancel(self, appointment_id: int, *, reason: str,
               actor: Optional[Actor] = None) -> Appointment: ...
    def mark_attended(self, appointment_id: int, *,
                      actor: Optional[Actor] = None) -> Appointment: ...
    def mark_no_show(self, appointment_id: int, *,
                     actor: Optional[Actor] = None) -> Appointment: ...
    def get_appointment(self, id: int) -> Appointment: ...
    def list_customer_appointments(self, customer_id: int
                                   ) -> List[Appointment]: ...
    def timeline(self, appointment_id: int) -> List[TimelineEntry]: ...
    def create_message_rule(self, rule: MessageRule) -> int: ...
    def update_message_rule(self, rule: MessageRule) -> None: ...
    def set_message_rule_enabled(self, id: int, enabled: bool) -> None: ...
    def delete_message_rule(self, id: int) -> None: ...
    def get_message_rule(self, id: int) -> MessageRule: ...
    def list_message_rules(self) -> List[MessageRule]: ...
    def set_messaging_settings(self, settings: MessagingSettings) -> None: ...
    def get_messaging_settings(self) -> MessagingSettings: ...
    def set_notifier(self,
                     notifier: Optional[Callable[[Message], SendResult]]
                     ) -> None: ...
    def run_due(self) -> RunDueReport: ...
    def dispatch_messages(self) -> DispatchReport: ...
    def next_due_at(self) -> Optional[datetime.datetime]: ...
    def start_background_runner(
            self, *, max_sleep: datetime.timedelta = ...) -> None: ...
    def stop_background_runner(self) -> None: ...
    def report_delivery(self, message_id: int, state: MessageState,
                        detail: str = "") -> Message: ...
    def get_message(self, id: int) -> Message: ...
    def list_appointment_messages(self, appointment_id: int
                                  ) -> List[Message]: ...
    def list_customer_messages(self, customer_id: int) -> List[Message]: ...
    def list_firings(self, appointment_id: int) -> List[Firing]: ...
    def list_pending_timers(self, appointment_id: int) -> List[Timer]: ...
    def create_status_chain(self, chain: StatusChain) -> StatusChain: ...
    def update_status_chain(self, chain: StatusChain) -> StatusChain: ...
    def delete_status_chain(self, id: int) -> None: ...
    def get_status_chain(self, id: int) -> StatusChain: ...
    def list_status_chains(self) -> List[StatusChain]: ...
    def set_workflow_settings(self, settings: WorkflowSettings) -> None: ...
    def get_workflow_settings(self) -> WorkflowSettings: ...
    def set_status(self, appointment_id: int, status_id: int, *,
                   actor: Optional[Actor] = None,
                   reason: str = "") -> Appointment: ...
    def status_history(self, appointment_id: int) -> List[StatusChange]: ...
    def status_board(self, start: datetime.datetime,
                     end: datetime.datetime, *,
                     resource_ids: Sequence[int] = ...,
                     include_confirmed: bool = False) -> StatusBoard: ...
