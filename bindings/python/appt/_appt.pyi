"""Type stub for appt._appt, the compiled core of the appt package.

Checked against the module by tests/python/test_stub.py.
"""

import datetime
import enum
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

__version__: str

_Time = Union[str, datetime.time]  # "HH:MM" ("24:00" ends a day)
_Span = Tuple[_Time, _Time]
_WeeklyHours = Dict[int, Sequence[_Span]]  # 0 = Monday … 6 = Sunday

class AppointmentState(enum.Enum):
    BOOKED = 0
    CANCELLED = 1
    ATTENDED = 2
    NO_SHOW = 3

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

class Durability(enum.Enum):
    NORMAL = 0
    FULL = 1

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

class ManualClock:
    def __init__(self, start: datetime.datetime) -> None: ...
    def now(self) -> datetime.datetime: ...
    def set(self, t: datetime.datetime) -> None: ...
    def advance(self, by: datetime.timedelta) -> None: ...

class Engine:
    @staticmethod
    def open_memory(*, clock: Optional[ManualClock] = None) -> Engine: ...
    @staticmethod
    def open_sqlite(path: str, *, durability: Durability = ...,
                    busy_timeout: datetime.timedelta = ...,
                    create_if_missing: bool = True,
                    clock: Optional[ManualClock] = None) -> Engine: ...
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
