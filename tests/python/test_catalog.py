"""Catalog records through Python: round trips, updates, reprs."""

import datetime as dt

import appt
from conftest import START, UTC


def test_resource_round_trip(practice):
    e = practice.engine
    r = e.get_resource(practice.therapist)
    assert r.name == "Anna"
    assert r.time_zone == "Europe/Berlin"
    assert r.weekly_hours[0] == [("09:00", "17:00")]
    assert 5 not in r.weekly_hours
    r.weekly_hours = {0: [("09:00", "12:00"), (dt.time(13), "24:00")]}
    r.exceptions = [appt.DateException(date=dt.date(2027, 3, 3))]
    e.update_resource(r)
    again = e.get_resource(practice.therapist)
    assert again == r
    assert again.weekly_hours == {0: [("09:00", "12:00"), ("13:00", "24:00")]}
    assert again.exceptions[0].date == dt.date(2027, 3, 3)
    assert again.exceptions[0].hours == []
    assert repr(again) == "appt.Resource(id=1, name='Anna')"
    assert [x.id for x in e.list_resources()] == [practice.therapist]


def test_service_round_trip(practice):
    s = practice.engine.get_service(practice.group_class)
    assert s.capacity == 3
    assert s.duration == dt.timedelta(hours=1)
    assert s.horizon == dt.timedelta(days=365)
    assert s.currency == "EUR"
    assert s.resource_ids == [practice.therapist]
    s.buffer_after = dt.timedelta(minutes=10)
    practice.engine.update_service(s)
    assert practice.engine.get_service(s.id).buffer_after == dt.timedelta(
        minutes=10)
    assert len(practice.engine.list_services()) == 2


def test_customer_consents(practice):
    e = practice.engine
    c = e.get_customer(practice.mario)
    assert c.locale == "it-IT" and c.consent_sms is None
    given = dt.datetime(2027, 2, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    c.consent_sms = given
    e.update_customer(c)
    got = e.get_customer(practice.mario).consent_sms
    assert got == given
    assert got.tzinfo == UTC


def test_blocked_intervals_hide_slots(practice):
    e = practice.engine
    start = dt.datetime(2027, 3, 9, 8, tzinfo=UTC)
    end = start + dt.timedelta(hours=2)
    block = e.add_blocked_interval(appt.BlockedInterval(
        resource_id=practice.therapist, start=start, end=end, reason="dentist"))
    listed = e.list_blocked_intervals(practice.therapist, START,
                                      START + dt.timedelta(days=30))
    assert [(b.id, b.reason, b.start, b.end) for b in listed] == [
        (block, "dentist", start, end)]
    assert e.search_slots(practice.massage, start, end) == []
    e.remove_blocked_interval(block)
    assert len(e.search_slots(practice.massage, start, end)) == 4


def test_record_fields_are_copies_not_aliases():
    # A value read from a record is a copy: it neither follows later
    # changes of the record nor dangles once a list is replaced.
    r = appt.Resource(name="X", time_zone="UTC", exceptions=[
        appt.DateException(date=dt.date(2027, 4, 2),
                           hours=[("09:00", "10:00")])])
    first = r.exceptions[0]
    first.hours = [("11:00", "12:00")]
    assert r.exceptions[0].hours == [("09:00", "10:00")]
    r.exceptions = [appt.DateException(date=dt.date(2030, 1, 1))] * 20
    assert first.date == dt.date(2027, 4, 2)
    actor = appt.Actor(appt.ActorKind.STAFF, "reception")
    kind = actor.kind
    actor.kind = appt.ActorKind.CUSTOMER
    assert kind == appt.ActorKind.STAFF
