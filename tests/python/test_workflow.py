"""The status workflow from Python (R3): the manual-approval preset, a
request that awaits approval, confirmation and rejection with their events,
history and dashboard, the race for one seat, and bad input naming the
field — on both stores."""

import datetime as dt
import threading

import pytest

import appt
from conftest import START, TUE_0900_BERLIN

WEEK = (START, START + dt.timedelta(days=7))


def enable(practice, chain=None):
    engine = practice.engine
    stored = engine.create_status_chain(
        chain or appt.StatusChain.manual_approval())
    service = engine.get_service(practice.massage)
    service.workflow_enabled = True
    engine.update_service(service)
    engine.set_workflow_settings(
        appt.WorkflowSettings(enabled=True, default_chain_id=stored.id))
    return stored


def test_preset_round_trips_with_ids(practice):
    chain = practice.engine.create_status_chain(
        appt.StatusChain.manual_approval())
    assert [s.name for s in chain.statuses] == [
        "Pending", "Confirmed", "Rejected"]
    assert all(s.id > 0 for s in chain.statuses)
    assert chain.status("Rejected").marker == appt.StatusMarker.CANCELLATION
    assert practice.engine.get_status_chain(chain.id) == chain
    assert practice.engine.list_status_chains() == [chain]
    with pytest.raises(KeyError):
        chain.status("Maybe")


def test_request_is_approved_then_confirmed(practice):
    chain = enable(practice)
    events = []
    practice.engine.add_listener(events.append)
    a = practice.book()
    assert a.status_id == chain.status("Pending").id
    assert a.state == appt.AppointmentState.BOOKED
    board = practice.engine.status_board(*WEEK)
    assert board.unconfirmed == 1
    assert [c.name for c in board.counts] == ["Pending"]
    manager = appt.Actor(appt.ActorKind.STAFF, "manager")
    a = practice.engine.set_status(a.id, chain.status("Confirmed").id,
                                   actor=manager, reason="checked")
    assert a.status_id == chain.status("Confirmed").id
    assert events[-1].kind == appt.EventKind.APPOINTMENT_STATUS_CHANGED
    assert events[-1].previous_status_id == chain.status("Pending").id
    history = practice.engine.status_history(a.id)
    assert [(h.from_status, h.to_status) for h in history] == [
        ("Pending", "Confirmed"), ("", "Pending")]
    assert history[0].actor == manager and history[0].reason == "checked"
    assert practice.engine.status_board(*WEEK).appointments == []
    board = practice.engine.status_board(*WEEK, include_confirmed=True)
    assert board.confirmed == 1 and board.appointments[0].id == a.id


def test_rejection_needs_a_reason_and_frees_the_slot(practice):
    chain = enable(practice)
    a = practice.book()
    rejected = chain.status("Rejected").id
    with pytest.raises(appt.InvalidArgumentError, match="reason"):
        practice.engine.set_status(a.id, rejected)
    assert practice.engine.get_appointment(a.id) == a
    done = practice.engine.set_status(a.id, rejected, reason="fully booked")
    assert done.state == appt.AppointmentState.CANCELLED
    assert done.cancel_reason == "fully booked"
    with pytest.raises(appt.FailedPreconditionError, match="no longer"):
        practice.engine.set_status(a.id, chain.status("Confirmed").id)
    assert practice.book(customer=practice.luca).id > a.id


def test_unheld_requests_race_for_one_seat(practice):
    chain = appt.StatusChain.manual_approval()
    statuses = chain.statuses  # a copy: edit it, then assign it back
    statuses[0].holds_slot = False
    chain.statuses = statuses
    chain = enable(practice, chain)
    requests = [practice.book(customer=who).id
                for who in (practice.mario, practice.luca) * 2]
    assert all(practice.engine.get_appointment(r).state ==
               appt.AppointmentState.PENDING for r in requests)
    won, conflicts = [], []

    def confirm(rid):
        try:
            practice.engine.set_status(rid, chain.status("Confirmed").id)
            won.append(rid)
        except appt.ConflictError:
            conflicts.append(rid)

    threads = [threading.Thread(target=confirm, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(won) == 1 and len(conflicts) == 3


def test_bad_chains_and_settings_name_the_field(practice):
    engine = practice.engine
    S, M = appt.Status, appt.StatusMarker
    good = [S(name="New", marker=M.START, position=1),
            S(name="Yes", marker=M.CONFIRMATION, position=2),
            S(name="No", marker=M.CANCELLATION, position=3)]
    with pytest.raises(appt.InvalidArgumentError, match="name"):
        engine.create_status_chain(appt.StatusChain(name="", statuses=good))
    with pytest.raises(appt.InvalidArgumentError, match="no cancellation"):
        engine.create_status_chain(
            appt.StatusChain(name="x", statuses=good[:2]))
    bad_colour = [S(name="New", marker=M.START, position=1, colour="blue"),
                  good[1], good[2]]
    with pytest.raises(appt.InvalidArgumentError, match=r"statuses\[0\]"):
        engine.create_status_chain(
            appt.StatusChain(name="x", statuses=bad_colour))
    with pytest.raises(appt.InvalidArgumentError, match="start status"):
        engine.create_status_chain(
            appt.StatusChain(name="x", statuses=[good[1], good[2]]))
    assert engine.list_status_chains() == []
    with pytest.raises(appt.InvalidArgumentError, match="default_chain_id"):
        engine.set_workflow_settings(appt.WorkflowSettings(enabled=True))
    with pytest.raises(appt.NotFoundError, match="default_chain_id 9"):
        engine.set_workflow_settings(
            appt.WorkflowSettings(enabled=True, default_chain_id=9))
    assert engine.get_workflow_settings() == appt.WorkflowSettings()
    with pytest.raises(appt.InvalidArgumentError, match="start"):
        engine.status_board(WEEK[1], WEEK[0])
    with pytest.raises(appt.NotFoundError, match="resource_ids"):
        engine.status_board(*WEEK, resource_ids=[404])
    with pytest.raises(appt.InvalidArgumentError, match=r"resource_ids\[1\]"):
        engine.status_board(*WEEK, resource_ids=[practice.therapist] * 2)
    with pytest.raises(appt.NotFoundError):
        engine.status_history(404)


def test_service_chains_and_chain_edits(practice):
    default = enable(practice)
    quick = practice.engine.create_status_chain(
        appt.StatusChain.manual_approval())
    practice.engine.set_workflow_settings(appt.WorkflowSettings(
        enabled=True, default_chain_id=default.id,
        service_chains=[appt.ServiceChain(service_id=practice.massage,
                                          chain_id=quick.id)]))
    a = practice.book()
    assert a.status_id == quick.status("Pending").id
    renamed = quick
    renamed.name = "Quick approval"
    assert practice.engine.update_status_chain(renamed).name == "Quick approval"
    without_pending = appt.StatusChain(
        id=quick.id, name="Quick", statuses=[
            appt.Status(name="New", marker=appt.StatusMarker.START,
                        position=0),
            quick.status("Confirmed"), quick.status("Rejected")])
    with pytest.raises(appt.FailedPreconditionError, match="Pending"):
        practice.engine.update_status_chain(without_pending)
    with pytest.raises(appt.FailedPreconditionError, match="settings"):
        practice.engine.delete_status_chain(quick.id)


def test_confirmation_link_confirms_then_cancels(practice):
    engine = practice.engine
    events = []
    engine.add_listener(events.append)
    a = practice.book()
    first = engine.issue_confirm_token(a.id)
    token = engine.issue_confirm_token(a.id)
    assert len(token.token) == 32 and token.expires_at == a.start
    assert token.token not in repr(token)  # a secret stays out of logs
    with pytest.raises(appt.FailedPreconditionError, match="replaced"):
        engine.confirm_by_token(first.token)
    confirmed = engine.confirm_by_token(token.token)
    assert confirmed.confirmed_at == practice.clock.now()
    assert events[-1].kind == appt.EventKind.VISIT_CONFIRMED
    with pytest.raises(appt.FailedPreconditionError, match="already used"):
        engine.confirm_by_token(token.token)
    with pytest.raises(appt.InvalidArgumentError, match="reason"):
        engine.cancel_by_token(token.token, "")
    done = engine.cancel_by_token(token.token, "plans changed")
    assert done.state == appt.AppointmentState.CANCELLED
    assert done.cancel_reason == "plans changed"


def test_wrong_and_expired_links_are_clear_errors(practice):
    engine = practice.engine
    a = practice.book()
    token = engine.issue_confirm_token(a.id).token
    with pytest.raises(appt.InvalidArgumentError, match="not a confirmation"):
        engine.confirm_by_token("nope")
    with pytest.raises(appt.NotFoundError, match="not a known"):
        engine.confirm_by_token("A" * 32)
    moved = engine.reschedule(a.id, TUE_0900_BERLIN + dt.timedelta(hours=2))
    assert moved.confirmed_at is None
    with pytest.raises(appt.FailedPreconditionError, match="replaced"):
        engine.confirm_by_token(token)
    token = engine.issue_confirm_token(a.id).token
    practice.clock.set(moved.start)
    with pytest.raises(appt.FailedPreconditionError, match="expired"):
        engine.confirm_by_token(token)
    assert engine.get_appointment(a.id).confirmed_at is None
