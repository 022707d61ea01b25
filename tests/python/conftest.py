"""Shared fixtures: a small practice on a manual clock, over memory and a
SQLite file (each test runs on both)."""

import datetime as dt

import pytest

import appt

UTC = dt.timezone.utc
START = dt.datetime(2027, 3, 1, tzinfo=UTC)  # a Monday
TUE_0900_BERLIN = dt.datetime(2027, 3, 2, 8, tzinfo=UTC)


class Practice:
    """One therapist in Europe/Berlin (Mon–Fri 09:00–17:00), a 30-minute
    massage, a 60-minute group class with 3 seats, and two customers."""

    def __init__(self, engine, clock):
        self.engine = engine
        self.clock = clock
        self.therapist = engine.create_resource(
            appt.Resource(
                name="Anna",
                time_zone="Europe/Berlin",
                weekly_hours={d: [("09:00", "17:00")] for d in range(5)},
            )
        )
        self.massage = engine.create_service(
            appt.Service(
                name="Massage",
                duration=dt.timedelta(minutes=30),
                resource_ids=[self.therapist],
                price_minor_units=6000,
            )
        )
        self.group_class = engine.create_service(
            appt.Service(
                name="Group class",
                duration=dt.timedelta(hours=1),
                resource_ids=[self.therapist],
                capacity=3,
            )
        )
        self.mario = engine.create_customer(
            appt.Customer(name="Mario Rossi", email="mario@example.com",
                          phone="+393331234567", locale="it-IT")
        )
        self.luca = engine.create_customer(appt.Customer(name="Luca Bianchi"))

    def book(self, customer=None, start=TUE_0900_BERLIN, service=None, **kw):
        return self.engine.book(
            customer_id=customer or self.mario,
            service_id=service or self.massage,
            resource_id=self.therapist,
            start=start,
            **kw,
        )


@pytest.fixture(params=["memory", "sqlite"])
def practice(request, tmp_path):
    clock = appt.ManualClock(START)
    if request.param == "memory":
        engine = appt.Engine.open_memory(clock=clock)
    else:
        engine = appt.Engine.open_sqlite(str(tmp_path / "appt.sqlite"),
                                         clock=clock)
    with engine:
        yield Practice(engine, clock)
