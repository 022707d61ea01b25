"""The confirmation cycle from Python (R5.2–R5.5): a task rule's task for
the responsible agent, closed by confirmation or by the agent; the board's
awaiting/overdue/late flags per day; auto-release of an asked, unconfirmed
visit with the agent told; who a cancelled rule tells of; and bad input
naming the field — on both stores."""

import datetime as dt

import pytest

import appt
from conftest import START, TUE_0900_BERLIN

HOUR = dt.timedelta(hours=1)
WEEK = (START, START + dt.timedelta(days=7))
GIULIA = appt.Actor(appt.ActorKind.STAFF, "giulia")


@pytest.fixture
def agent(practice):
    therapist = practice.engine.get_resource(practice.therapist)
    therapist.responsible_agent = "giulia"
    practice.engine.update_resource(therapist)
    return "giulia"


def agent_rule():
    return appt.MessageRule(
        name="tell the agent", kind=appt.MessageKind.CANCELLED,
        audience=appt.Audience.AGENT, channels=[appt.Channel.EMAIL],
        templates=[appt.MessageTemplate(channel=appt.Channel.EMAIL,
                                        subject="cancelled",
                                        body="{{appointment.cancel_reason}}")])


def test_an_unconfirmed_visit_gets_one_task_that_confirming_cancels(
        practice, agent):
    e = practice.engine
    events = []
    e.add_listener(events.append)
    rule_id = e.create_task_rule(appt.TaskRule(name="3 h", title="Call"))
    assert e.get_task_rule(rule_id).offset == 3 * HOUR
    assert e.list_task_rules()[0].trigger == appt.TaskTrigger.UNCONFIRMED
    visit = practice.book()
    practice.clock.set(TUE_0900_BERLIN - 3 * HOUR)
    e.run_due()
    e.run_due()
    [task] = e.list_tasks(appointment_id=visit.id)
    assert task.state == appt.TaskState.OPEN
    assert task.assignee == "giulia" and task.title == "Call"
    assert task.due_at == TUE_0900_BERLIN - 2 * HOUR
    assert "2027-03-02 09:00 (Europe/Berlin)" in task.details
    assert task.closed_at is None
    assert events[-1].kind == appt.EventKind.TASK_CREATED
    assert events[-1].task == task
    confirmed = e.confirm_visit(visit.id, actor=GIULIA)
    assert confirmed.confirmed_at == TUE_0900_BERLIN - 3 * HOUR
    closed = e.get_task(task.id)
    assert closed.state == appt.TaskState.CANCELLED
    assert closed.outcome == "the customer confirmed the visit"
    assert events[-1].kind == appt.EventKind.TASK_CANCELLED
    with pytest.raises(appt.FailedPreconditionError, match="already"):
        e.confirm_visit(visit.id)


def test_agents_complete_or_cancel_their_tasks(practice, agent):
    e = practice.engine
    e.create_task_rule(appt.TaskRule(
        name="not arrived", title="Call: not here",
        trigger=appt.TaskTrigger.NOT_ARRIVED,
        offset=dt.timedelta(minutes=15)))
    first = practice.book()
    second = practice.book(start=TUE_0900_BERLIN + HOUR)
    practice.clock.set(TUE_0900_BERLIN + HOUR + dt.timedelta(minutes=15))
    e.run_due()
    open_tasks = e.list_tasks(assignee="giulia", state=appt.TaskState.OPEN)
    assert [t.appointment_id for t in open_tasks] == [first.id, second.id]
    done = e.complete_task(open_tasks[0].id, actor=GIULIA,
                           outcome="voicemail")
    assert done.state == appt.TaskState.DONE and done.closed_by == GIULIA
    with pytest.raises(appt.FailedPreconditionError, match="already done"):
        e.complete_task(open_tasks[0].id)
    with pytest.raises(appt.InvalidArgumentError, match="reason"):
        e.cancel_task(open_tasks[1].id, reason="")
    # Arriving late answers the other one.
    e.mark_attended(second.id)
    assert e.get_task(open_tasks[1].id).outcome == "the customer came"
    assert e.list_tasks(state=appt.TaskState.OPEN) == []


def test_the_board_flags_awaiting_overdue_and_late(practice):
    e = practice.engine
    e.set_confirmation_settings(appt.ConfirmationSettings(
        overdue_before=2 * HOUR))
    asked = practice.book()
    practice.book(start=TUE_0900_BERLIN + HOUR)  # never asked: no flag
    token = e.issue_confirm_token(asked.id)
    assert e.get_appointment(asked.id).confirmation_requested_at == START
    board = e.confirmation_board(*WEEK)
    assert board.awaiting == 1 and board.overdue == 0
    assert board.appointments[0].flag == appt.ConfirmationFlag.AWAITING
    [day] = board.counts
    assert day.date == dt.date(2027, 3, 2) and day.awaiting == 1
    practice.clock.set(TUE_0900_BERLIN - 2 * HOUR)
    assert e.confirmation_board(*WEEK).overdue == 1
    e.confirm_by_token(token.token)
    assert e.confirmation_board(*WEEK).overdue == 0
    practice.clock.set(TUE_0900_BERLIN + HOUR + dt.timedelta(minutes=1))
    board = e.confirmation_board(*WEEK, resource_ids=[practice.therapist])
    assert board.late == 2
    with pytest.raises(appt.InvalidArgumentError, match="listed twice"):
        e.confirmation_board(*WEEK, resource_ids=[practice.therapist] * 2)
    with pytest.raises(appt.NotFoundError, match="resource_ids"):
        e.confirmation_board(*WEEK, resource_ids=[99])


def test_an_asked_unconfirmed_visit_is_released_and_the_agent_told(
        practice, agent):
    e = practice.engine
    e.create_message_rule(agent_rule())
    e.set_confirmation_settings(appt.ConfirmationSettings(
        release_offset=-2 * HOUR, release_reason="no answer"))
    assert e.get_confirmation_settings().release_offset == -2 * HOUR
    visit = practice.book()
    e.issue_confirm_token(visit.id)
    practice.clock.set(TUE_0900_BERLIN - 2 * HOUR)
    e.run_due()
    released = e.get_appointment(visit.id)
    assert released.state == appt.AppointmentState.CANCELLED
    assert released.cancel_reason == "no answer"
    [told] = e.list_appointment_messages(visit.id)
    assert told.recipient == "giulia" and told.body == "no answer"
    assert practice.book(customer=practice.luca).id > visit.id


def test_staff_cancellations_are_not_announced_unless_configured(
        practice, agent):
    e = practice.engine
    assert agent_rule().cancelled_by == [
        appt.ActorKind.CUSTOMER, appt.ActorKind.ENGINE, appt.ActorKind.SYSTEM]
    e.create_message_rule(agent_rule())
    by_staff = practice.book()
    e.cancel(by_staff.id, reason="doctor away")
    assert e.list_appointment_messages(by_staff.id) == []
    by_link = practice.book()
    token = e.issue_confirm_token(by_link.id)
    e.cancel_by_token(token.token, "cannot come")
    [told] = e.list_appointment_messages(by_link.id)
    assert told.audience == appt.Audience.AGENT
    loud = agent_rule()
    loud.cancelled_by = [appt.ActorKind.STAFF]
    loud.name = "staff too"
    e.create_message_rule(loud)
    third = practice.book()
    e.cancel(third.id, reason="doctor ill")
    assert len(e.list_appointment_messages(third.id)) == 1


def test_bad_input_names_the_field_and_changes_nothing(practice):
    e = practice.engine
    with pytest.raises(appt.InvalidArgumentError, match="rule.title"):
        e.create_task_rule(appt.TaskRule(name="x", title=""))
    with pytest.raises(appt.InvalidArgumentError, match="rule.offset"):
        e.create_task_rule(appt.TaskRule(name="x", title="y",
                                         offset=dt.timedelta(days=40)))
    with pytest.raises(appt.NotFoundError, match="service_id 99"):
        e.create_task_rule(appt.TaskRule(name="x", title="y",
                                         service_ids=[99]))
    assert e.list_task_rules() == []
    with pytest.raises(appt.NotFoundError):
        e.delete_task_rule(5)
    with pytest.raises(appt.NotFoundError, match="task_id 5"):
        e.get_task(5)
    with pytest.raises(appt.InvalidArgumentError, match="overdue_before"):
        e.set_confirmation_settings(appt.ConfirmationSettings(
            overdue_before=-HOUR))
    with pytest.raises(appt.InvalidArgumentError, match="release_reason"):
        e.set_confirmation_settings(appt.ConfirmationSettings(
            release_reason=""))
    assert e.get_confirmation_settings() == appt.ConfirmationSettings()
    with pytest.raises(appt.InvalidArgumentError, match="cancelled_by"):
        rule = agent_rule()
        rule.cancelled_by = []
        e.create_message_rule(rule)
    with pytest.raises(appt.InvalidArgumentError, match="window"):
        e.confirmation_board(START, START)
    with pytest.raises(appt.InvalidArgumentError, match="offset"):
        appt.TaskRule(name="x", title="y", offset=5)
