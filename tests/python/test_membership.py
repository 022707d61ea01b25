"""Memberships from Python (R7): a plan and a purchase with its certificate
number, visits held by a booking, returned by a cancellation and used by
attendance and no-shows per the terms, expiry when used up, and bad input
naming the field — on both stores."""

import datetime as dt

import pytest

import appt
from conftest import START, TUE_0900_BERLIN

HOUR = dt.timedelta(hours=1)


def plan(practice, **kw):
    args = dict(name="Three massages", service_ids=[practice.massage],
                visits=3, validity_days=60, price_minor_units=15000)
    args.update(kw)
    return practice.engine.create_membership_plan(appt.MembershipPlan(**args))


def test_purchase_fixes_the_terms(practice):
    e = practice.engine
    plan_id = plan(practice)
    stored = e.get_membership_plan(plan_id)
    assert stored.visits == 3 and stored.currency == "EUR"
    assert stored.no_show == appt.NoShowPolicy.USES_VISIT
    m = e.purchase_membership(customer_id=practice.mario, plan_id=plan_id)
    assert m.certificate_number.startswith("M")
    assert len(m.certificate_number) == 11
    assert m.visits_left == 3 and m.state == appt.MembershipState.ACTIVE
    assert m.expires_at == START + dt.timedelta(days=60)
    assert m.expired_at is None
    stored.visits = 10
    e.update_membership_plan(stored)
    assert e.get_membership(m.id).visits_total == 3  # the terms stay
    assert e.list_customer_memberships(practice.mario) == [m]
    assert e.list_membership_plans() == [stored]


def test_visits_are_held_returned_used_and_run_out(practice):
    e = practice.engine
    m = e.purchase_membership(customer_id=practice.mario,
                              plan_id=plan(practice, visits=2))
    first = practice.book(membership_id=m.id)
    assert first.membership_id == m.id
    second = practice.book(start=TUE_0900_BERLIN + HOUR, membership_id=m.id)
    assert e.get_membership(m.id).visits_left == 0
    with pytest.raises(appt.FailedPreconditionError, match="no visit left"):
        practice.book(start=TUE_0900_BERLIN + 2 * HOUR, membership_id=m.id)
    e.cancel(second.id, reason="ill")
    assert e.get_membership(m.id).visits_booked == 1
    practice.clock.set(TUE_0900_BERLIN + dt.timedelta(minutes=5))
    e.mark_attended(first.id)
    last = practice.book(start=TUE_0900_BERLIN + 2 * HOUR,
                         membership_id=m.id)
    practice.clock.set(TUE_0900_BERLIN + 3 * HOUR)
    e.mark_no_show(last.id)  # uses the visit, by the plan's terms
    done = e.get_membership(m.id)
    assert (done.visits_used, done.visits_left) == (2, 0)
    assert done.state == appt.MembershipState.EXPIRED
    assert done.expired_reason == "visits used up"


def test_bad_input_names_the_field_and_changes_nothing(practice):
    e = practice.engine
    with pytest.raises(appt.InvalidArgumentError, match="plan.service_ids"):
        plan(practice, service_ids=[])
    with pytest.raises(appt.NotFoundError, match="service_id 99"):
        plan(practice, service_ids=[99])
    with pytest.raises(appt.InvalidArgumentError, match="plan.visits 0"):
        plan(practice, visits=0)
    assert e.list_membership_plans() == []
    plan_id = plan(practice)
    with pytest.raises(appt.NotFoundError, match="plan_id 7"):
        e.purchase_membership(customer_id=practice.mario, plan_id=7)
    m = e.purchase_membership(customer_id=practice.mario, plan_id=plan_id)
    with pytest.raises(appt.InvalidArgumentError, match="belongs to"):
        practice.book(customer=practice.luca, membership_id=m.id)
    with pytest.raises(appt.InvalidArgumentError, match="does not cover"):
        practice.book(service=practice.group_class, membership_id=m.id)
    with pytest.raises(appt.NotFoundError, match="membership_id 404"):
        practice.book(membership_id=404)
    assert e.get_membership(m.id) == m
