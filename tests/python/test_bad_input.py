"""Bad input through Python: the right exception, the field named in the
message, and nothing changed."""

import datetime as dt

import pytest

import appt
from conftest import START, TUE_0900_BERLIN, UTC


def snapshot(practice):
    e = practice.engine
    return (
        e.list_resources(),
        e.list_services(),
        e.list_customer_appointments(practice.mario),
        e.list_blocked_intervals(practice.therapist, START,
                                 START + dt.timedelta(days=60)),
    )


@pytest.mark.parametrize("call, error, field", [
    (lambda p: p.book(start=dt.datetime(2027, 3, 2, 9)),
     appt.InvalidArgumentError, "naive"),
    (lambda p: p.book(start="2027-03-02T08:00:00Z"),
     appt.InvalidArgumentError, "start"),
    (lambda p: p.book(start=START - dt.timedelta(days=1)),
     appt.InvalidArgumentError, "start"),
    (lambda p: p.book(start=TUE_0900_BERLIN + dt.timedelta(days=400)),
     appt.InvalidArgumentError, "start"),
    (lambda p: p.book(start=TUE_0900_BERLIN - dt.timedelta(hours=1)),
     appt.InvalidArgumentError, "working hours"),
    (lambda p: p.book(service=999), appt.NotFoundError, "999"),
    (lambda p: p.book(customer=4242), appt.NotFoundError, "4242"),
    (lambda p: p.book(notes="x" * 5000), appt.InvalidArgumentError, "notes"),
    (lambda p: p.engine.cancel(77, reason="why"), appt.NotFoundError, "77"),
    (lambda p: p.engine.get_resource(9), appt.NotFoundError, "9"),
    (lambda p: p.engine.create_resource(appt.Resource(
        name="X", time_zone="Mars/Olympus_Mons")),
     appt.InvalidArgumentError, "Mars/Olympus_Mons"),
    (lambda p: p.engine.create_resource(appt.Resource(
        name="X", time_zone="UTC",
        weekly_hours={0: [("09:00", "12:00"), ("11:00", "13:00")]})),
     appt.InvalidArgumentError, "weekly_hours"),
    (lambda p: p.engine.create_resource(appt.Resource(
        name="X", time_zone="UTC", weekly_hours={7: [("09:00", "12:00")]})),
     appt.InvalidArgumentError, "weekday 7"),
    (lambda p: p.engine.create_resource(appt.Resource(
        name="X", time_zone="UTC", weekly_hours={0: [("9am", "12:00")]})),
     appt.InvalidArgumentError, "9am"),
    # Python str is always valid Unicode; invalid UTF-8 arrives as bytes.
    (lambda p: p.engine.create_resource(appt.Resource(
        name=b"bad \xc3\x28", time_zone="UTC")),
     appt.InvalidArgumentError, "name"),
    (lambda p: p.book(notes=b"\xff\xfe"), appt.InvalidArgumentError, "notes"),
    (lambda p: p.engine.create_service(appt.Service(
        name="S", duration=dt.timedelta(minutes=-5),
        resource_ids=[p.therapist])),
     appt.InvalidArgumentError, "duration"),
    (lambda p: p.engine.create_service(appt.Service(
        name="S", duration=dt.timedelta(minutes=5), price_minor_units=-1,
        resource_ids=[p.therapist])),
     appt.InvalidArgumentError, "price"),
    (lambda p: p.engine.create_service(appt.Service(
        name="S", duration=30, resource_ids=[p.therapist])),
     appt.InvalidArgumentError, "duration"),
    (lambda p: p.engine.create_customer(appt.Customer(
        name="C", email="not-an-email")),
     appt.InvalidArgumentError, "email"),
    (lambda p: p.engine.create_customer(appt.Customer(name="C", phone="333")),
     appt.InvalidArgumentError, "phone"),
    (lambda p: p.engine.add_blocked_interval(appt.BlockedInterval(
        resource_id=p.therapist, start=TUE_0900_BERLIN,
        end=TUE_0900_BERLIN)),
     appt.InvalidArgumentError, "end"),
    (lambda p: p.engine.search_slots(p.massage, TUE_0900_BERLIN,
                                     TUE_0900_BERLIN - dt.timedelta(hours=1)),
     appt.InvalidArgumentError, "window"),
    (lambda p: p.engine.remove_listener(12345), appt.NotFoundError, "12345"),
    (lambda p: appt.Engine.open_memory(clock="yesterday"),
     appt.InvalidArgumentError, "clock"),
    (lambda p: appt.Engine.open_memory(max_firings_per_transaction=0),
     appt.InvalidArgumentError, "max_firings_per_transaction"),
])
def test_bad_input_raises_and_changes_nothing(practice, call, error, field):
    before = snapshot(practice)
    with pytest.raises(error) as info:
        call(practice)
    assert field in str(info.value)
    assert snapshot(practice) == before


def test_exception_hierarchy():
    assert issubclass(appt.InvalidArgumentError, ValueError)
    assert issubclass(appt.NotFoundError, LookupError)
    for cls in (appt.InvalidArgumentError, appt.NotFoundError,
                appt.ConflictError, appt.FailedPreconditionError):
        assert issubclass(cls, appt.Error)
    assert not issubclass(appt.ConflictError, ValueError)


def test_naive_datetime_is_a_value_error(practice):
    with pytest.raises(ValueError, match="naive"):
        practice.engine.search_slots(practice.massage, dt.datetime(2027, 3, 2),
                                     dt.datetime(2027, 3, 3, tzinfo=UTC))
    with pytest.raises(ValueError, match="naive"):
        appt.ManualClock(dt.datetime(2027, 3, 2))


def test_final_states_refuse_moves(practice):
    a = practice.book()
    practice.engine.cancel(a.id, reason="no")
    with pytest.raises(appt.FailedPreconditionError):
        practice.engine.reschedule(a.id, TUE_0900_BERLIN + dt.timedelta(hours=2))
    assert practice.engine.get_appointment(a.id).start == TUE_0900_BERLIN
