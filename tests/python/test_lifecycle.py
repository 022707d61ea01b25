"""Slot search and the appointment lifecycle through Python, with DST."""

import datetime as dt

import pytest

import appt
from conftest import TUE_0900_BERLIN, UTC


def test_slots_follow_berlin_across_spring_dst(practice):
    # Friday 26 March 09:00 CET is 08:00Z; Monday 29 March 09:00 CEST 07:00Z.
    slots = practice.engine.search_slots(
        practice.massage,
        dt.datetime(2027, 3, 26, tzinfo=UTC),
        dt.datetime(2027, 3, 30, tzinfo=UTC),
    )
    assert len(slots) == 32
    assert slots[0].start == dt.datetime(2027, 3, 26, 8, tzinfo=UTC)
    assert slots[16].start == dt.datetime(2027, 3, 29, 7, tzinfo=UTC)
    assert slots[0].seats_left == 1
    assert slots[0].start.tzinfo is UTC


def test_slots_follow_new_york_and_lord_howe(practice):
    e = practice.engine
    # Lord Howe moves by half an hour on 2027-04-04 (02:00 -> 01:30).
    for zone, day, first in [
        ("America/New_York", dt.date(2027, 3, 15),
         dt.datetime(2027, 3, 15, 13, tzinfo=UTC)),  # 09:00 EDT
        ("Australia/Lord_Howe", dt.date(2027, 4, 5),
         dt.datetime(2027, 4, 4, 22, 30, tzinfo=UTC)),  # 09:00 +10:30
    ]:
        rid = e.create_resource(appt.Resource(
            name=zone, time_zone=zone,
            weekly_hours={day.weekday(): [("09:00", "10:00")]}))
        sid = e.create_service(appt.Service(
            name="Visit " + zone, duration=dt.timedelta(hours=1),
            resource_ids=[rid]))
        slots = e.search_slots(sid, first - dt.timedelta(days=1),
                               first + dt.timedelta(days=1))
        assert [s.start for s in slots] == [first]


def test_book_reschedule_cancel_timeline(practice):
    e = practice.engine
    a = practice.book(notes="first visit")
    assert a.state == appt.AppointmentState.BOOKED
    assert a.end - a.start == dt.timedelta(minutes=30)
    assert a.notes == "first visit"
    assert a.source == appt.BookingSource.ONLINE
    with pytest.raises(appt.ConflictError):
        practice.book(customer=practice.luca)
    moved = e.reschedule(a.id, TUE_0900_BERLIN + dt.timedelta(hours=1),
                         actor=appt.Actor(appt.ActorKind.CUSTOMER, "mario"))
    assert moved.start == TUE_0900_BERLIN + dt.timedelta(hours=1)
    other = practice.book(customer=practice.luca)  # the old slot is free
    cancelled = e.cancel(a.id, reason="feeling better")
    assert cancelled.state == appt.AppointmentState.CANCELLED
    assert cancelled.cancel_reason == "feeling better"
    with pytest.raises(appt.FailedPreconditionError):
        e.cancel(a.id, reason="again")
    timeline = e.timeline(a.id)
    assert [t.kind for t in timeline] == ["cancelled", "rescheduled", "created"]
    assert timeline[1].actor == appt.Actor(appt.ActorKind.CUSTOMER, "mario")
    assert timeline[0].actor.kind == appt.ActorKind.STAFF
    assert e.get_appointment(other.id) == other
    assert [x.id for x in e.list_customer_appointments(practice.mario)] == [a.id]


def test_attended_and_no_show(practice):
    e = practice.engine
    first = practice.book()
    second = practice.book(start=TUE_0900_BERLIN + dt.timedelta(days=1))
    with pytest.raises(appt.Error):
        e.mark_no_show(first.id)  # not started yet
    practice.clock.set(TUE_0900_BERLIN + dt.timedelta(minutes=5))
    assert e.mark_attended(first.id).state == appt.AppointmentState.ATTENDED
    practice.clock.advance(dt.timedelta(days=1))
    assert e.mark_no_show(second.id).state == appt.AppointmentState.NO_SHOW
    assert e.now() == TUE_0900_BERLIN + dt.timedelta(days=1, minutes=5)


def test_agent_may_force_outside_hours_never_over_capacity(practice):
    evening = dt.datetime(2027, 3, 2, 19, tzinfo=UTC)  # 20:00 Berlin
    with pytest.raises(appt.InvalidArgumentError, match="start"):
        practice.book(start=evening)
    with pytest.raises(appt.InvalidArgumentError):
        practice.book(start=evening, force=True)  # online may not force
    staff = appt.Actor(appt.ActorKind.STAFF, "agent-7")
    forced = practice.book(start=evening, source=appt.BookingSource.AGENT,
                           actor=staff, force=True)
    assert forced.source == appt.BookingSource.AGENT
    with pytest.raises(appt.ConflictError):
        practice.book(customer=practice.luca, start=evening,
                      source=appt.BookingSource.AGENT, actor=staff, force=True)


def test_data_survives_reopen(tmp_path):
    path = str(tmp_path / "reopen.sqlite")
    clock = appt.ManualClock(dt.datetime(2027, 3, 1, tzinfo=UTC))
    with appt.Engine.open_sqlite(path, clock=clock,
                                 durability=appt.Durability.FULL) as e:
        e.create_customer(appt.Customer(name="Kept"))
    with appt.Engine.open_sqlite(path, create_if_missing=False) as e:
        assert e.get_customer(1).name == "Kept"
    with pytest.raises(appt.Error):
        appt.Engine.open_sqlite(str(tmp_path / "missing.sqlite"),
                                create_if_missing=False)


def test_closed_engine_raises(practice):
    practice.engine.close()
    with pytest.raises(appt.FailedPreconditionError, match="closed"):
        practice.engine.list_resources()
