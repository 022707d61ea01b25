"""Listeners and threads: events after commit, exceptions in callbacks
reported and harmless, and a threaded race for the last seats."""

import datetime as dt
import sys
import threading

import appt
from conftest import START, TUE_0900_BERLIN


def test_listener_sees_every_change(practice):
    events = []
    lid = practice.engine.add_listener(events.append)
    a = practice.book()
    practice.engine.reschedule(a.id, TUE_0900_BERLIN + dt.timedelta(hours=1))
    practice.engine.cancel(a.id, reason="ill")
    assert [ev.kind for ev in events] == [
        appt.EventKind.APPOINTMENT_CREATED,
        appt.EventKind.APPOINTMENT_RESCHEDULED,
        appt.EventKind.APPOINTMENT_CANCELLED,
    ]
    assert events[1].previous_start == TUE_0900_BERLIN
    assert events[1].previous_resource_id == practice.therapist
    assert events[0].previous_start is None
    assert events[2].appointment.state == appt.AppointmentState.CANCELLED
    assert events[0].at == START
    practice.engine.remove_listener(lid)
    practice.book()
    assert len(events) == 3


def test_listener_may_call_back_into_engine(practice):
    seen = []

    def on_event(event):
        seen.append(practice.engine.get_appointment(event.appointment.id).state)

    practice.engine.add_listener(on_event)
    practice.book()
    assert seen == [appt.AppointmentState.BOOKED]


def test_listener_exception_is_reported_not_lost(practice, monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)

    def broken(event):
        raise RuntimeError("listener bug")

    after = []
    practice.engine.add_listener(broken)
    practice.engine.add_listener(after.append)
    a = practice.book()
    assert len(reported) == 1
    assert isinstance(reported[0].exc_value, RuntimeError)
    assert "listener bug" in str(reported[0].exc_value)
    assert len(after) == 1  # later listeners still run
    # The engine is intact: the booking committed and commands still work.
    assert practice.engine.get_appointment(a.id).id == a.id
    practice.engine.cancel(a.id, reason="test")


def race(practice, engines, customers):
    results = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(customers))

    def book(engine, customer):
        barrier.wait()
        try:
            engine.book(customer_id=customer, service_id=practice.group_class,
                        resource_id=practice.therapist,
                        start=TUE_0900_BERLIN)
            outcome = "booked"
        except appt.ConflictError:
            outcome = "conflict"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=book,
                                args=(engines[i % len(engines)], c))
               for i, c in enumerate(customers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_threads_race_for_the_last_seats(practice):
    customers = [practice.engine.create_customer(appt.Customer(name=f"R{i}"))
                 for i in range(8)]
    results = race(practice, [practice.engine], customers)
    assert sorted(results) == ["booked"] * 3 + ["conflict"] * 5
    assert practice.engine.search_slots(
        practice.group_class, TUE_0900_BERLIN,
        TUE_0900_BERLIN + dt.timedelta(minutes=1)) == []


def test_two_engines_on_one_file_race(tmp_path):
    from conftest import Practice
    path = str(tmp_path / "shared.sqlite")
    clock = appt.ManualClock(START)
    with appt.Engine.open_sqlite(path, clock=clock) as first, \
            appt.Engine.open_sqlite(path, clock=clock) as second:
        practice = Practice(first, clock)
        customers = [first.create_customer(appt.Customer(name=f"R{i}"))
                     for i in range(6)]
        results = race(practice, [first, second], customers)
        assert sorted(results) == ["booked"] * 3 + ["conflict"] * 3
