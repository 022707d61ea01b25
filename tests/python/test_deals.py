"""CRM pipelines and deals from Python (R6): the presets and their boards,
the one-time flow (booked → Scheduled, 12 h before → Today, 2 h after →
Paid Won) with its history and events, a reschedule's note and a
cancellation (Closed Lost), the membership flow and its deal card, the
host's own deals, re-planning on update, and bad input changing nothing —
on both stores. Mirrors tests/deal_pipeline_test.cc on the Python fixture:
Anna works 09:00–17:00 Europe/Berlin (UTC+1 until March 28), the clock
starts on Monday 2027-03-01 00:00 UTC."""

import datetime as dt

import pytest

import appt
from conftest import START

UTC = dt.timezone.utc
WED = dt.datetime(2027, 3, 17, 9, tzinfo=UTC)  # Wednesday 10:00 in Berlin
HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)

ONE_TIME_STAGES = ["Appointment Scheduled", "Appointment Today", "Paid Won",
                   "Closed Lost"]
ENGINE_KEYS = ["deal_id", "pipeline_id", "stage_id", "customer_id",
               "membership_id", "appointment_ids", "next_appointment_id",
               "next_start_utc", "customer_external_id", "deal_external_id"]


def stage_name(pipeline, deal):
    return next(s.name for s in pipeline.stages if s.id == deal.stage_id)


def only_deal(engine):
    [deal] = engine.list_deals()
    return deal


def at(practice, t, pipeline, deal_id):
    """Runs due work at `t`; returns the deal's stage name."""
    practice.clock.set(t)
    practice.engine.run_due()
    return stage_name(pipeline, practice.engine.get_deal(deal_id))


def deal_timers(engine, appointment_id):
    return [t for t in engine.list_pending_timers(appointment_id)
            if t.kind == appt.TimerKind.DEAL_STAGE]


def test_presets_are_saved_with_their_boards(practice):
    e = practice.engine
    preset = appt.one_time_pipeline_preset()
    assert preset.id == 0 and all(s.id == 0 for s in preset.stages)
    one = e.create_pipeline(preset)
    member = e.create_pipeline(appt.membership_pipeline_preset())
    assert one.name == "One-time appointments"
    assert one.opens_deals == appt.DealSource.BOOKINGS
    assert [s.name for s in one.stages] == ONE_TIME_STAGES
    assert [s.kind for s in one.stages] == [
        appt.StageKind.OPEN, appt.StageKind.OPEN, appt.StageKind.WON,
        appt.StageKind.LOST]
    assert one.stage("Paid Won") == one.stages[2]
    with pytest.raises(KeyError):
        one.stage("Appointment Tomorrow")
    today = one.rules[1]
    assert today.trigger == appt.StageTrigger.TIMED
    assert today.condition == appt.StageCondition.ALWAYS
    assert today.offset == -12 * HOUR
    assert today.stage == "Appointment Today"
    assert member.opens_deals == appt.DealSource.MEMBERSHIPS
    assert len(member.stages) == 5
    assert member.stages[0].name == "Appointment Unscheduled"
    assert member.stages[4].name == "Membership Expired"
    assert member.stages[4].kind == appt.StageKind.WON
    assert member.rules[0].trigger == appt.StageTrigger.OPENED
    assert member.rules[4].condition == appt.StageCondition.ANOTHER_BOOKED
    assert all(r.id != 0 for r in one.rules + member.rules)
    assert not {s.id for s in one.stages} & {s.id for s in member.stages}
    assert e.list_pipelines() == [one, member]
    assert e.get_pipeline(member.id) == member

    board = e.deal_board(one.id)
    assert (board.pipeline_id, board.pipeline) == (one.id,
                                                   "One-time appointments")
    assert [c.stage for c in board.columns] == ONE_TIME_STAGES
    assert [c.stage_id for c in board.columns] == [s.id for s in one.stages]
    assert board.columns[2].kind == appt.StageKind.WON
    assert all(c.deals == 0 and c.amount_minor_units == 0
               for c in board.columns)
    assert len(e.deal_board(member.id).columns) == 5

    e.delete_pipeline(member.id)  # no deals: it may go
    assert e.list_pipelines() == [one]
    assert set(appt.TimerKind.__members__) == {"MESSAGE", "TASK", "RELEASE",
                                               "DEAL_STAGE"}
    assert int(appt.TimerKind.DEAL_STAGE) == 3


def test_one_time_deal_moves_by_booking_and_time(practice):
    e = practice.engine
    events = []
    e.add_listener(events.append)
    p = e.create_pipeline(appt.one_time_pipeline_preset())
    a = practice.book(start=WED)
    d = only_deal(e)
    assert (d.customer_id, d.title) == (practice.mario, "Massage")
    assert (d.amount_minor_units, d.currency) == (6000, "EUR")
    assert d.appointment_ids == [a.id]
    assert d.membership_id == 0
    assert d.opened_at == START and d.closed_at is None
    assert stage_name(p, d) == "Appointment Scheduled"
    assert [t.due for t in deal_timers(e, a.id)] == [WED - 12 * HOUR,
                                                     WED + 2 * HOUR]

    assert at(practice, WED - 12 * HOUR - MINUTE, p, d.id) == \
        "Appointment Scheduled"
    assert at(practice, WED - 12 * HOUR, p, d.id) == "Appointment Today"
    assert at(practice, WED + 10 * MINUTE, p, d.id) == "Appointment Today"
    e.mark_attended(a.id)
    assert at(practice, WED + 2 * HOUR, p, d.id) == "Paid Won"
    won = e.get_deal(d.id)
    assert won.closed_at == WED + 2 * HOUR
    assert won.stage_changed_at == WED + 2 * HOUR
    assert deal_timers(e, a.id) == []

    history = e.deal_history(d.id)  # newest first
    assert [h.text for h in history] == ["2h after the start",
                                         "12h before the visit",
                                         "appointment booked"]
    assert (history[0].from_stage, history[0].to_stage) == (
        "Appointment Today", "Paid Won")
    assert history[0].kind == appt.DealEntryKind.STAGE_CHANGED
    assert history[0].actor.kind == appt.ActorKind.ENGINE
    assert history[0].appointment_id == a.id
    assert history[1].at == WED - 12 * HOUR
    assert history[2].kind == appt.DealEntryKind.OPENED
    assert history[2].from_stage_id == 0
    assert history[2].to_stage == "Appointment Scheduled"
    assert all(h.deal_id == d.id for h in history)

    deal_events = [ev for ev in events if ev.deal is not None]
    assert [ev.kind for ev in deal_events] == [
        appt.EventKind.DEAL_OPENED, appt.EventKind.DEAL_STAGE_CHANGED,
        appt.EventKind.DEAL_STAGE_CHANGED]
    assert deal_events[2].deal.stage_id == won.stage_id
    assert deal_events[2].deal_entry.from_stage == "Appointment Today"
    assert deal_events[2].deal_entry.text == "2h after the start"
    assert deal_events[2].appointment.id == a.id
    created = [ev for ev in events
               if ev.kind == appt.EventKind.APPOINTMENT_CREATED]
    assert len(created) == 1
    assert created[0].deal is None and created[0].deal_entry is None


def test_reschedule_notes_the_change_and_cancel_closes_lost(practice):
    e = practice.engine
    p = e.create_pipeline(appt.one_time_pipeline_preset())
    a = practice.book(start=WED)
    d = only_deal(e).id
    assert at(practice, WED - 3 * HOUR, p, d) == "Appointment Today"
    # Moved to next Wednesday: back to Scheduled, timers follow the new time.
    next_wed = WED + dt.timedelta(days=7)
    e.reschedule(a.id, next_wed)
    assert stage_name(p, e.get_deal(d)) == "Appointment Scheduled"
    assert [t.due for t in deal_timers(e, a.id)] == [next_wed - 12 * HOUR,
                                                     next_wed + 2 * HOUR]
    history = e.deal_history(d)
    assert history[0].kind == appt.DealEntryKind.STAGE_CHANGED
    assert history[0].text == "appointment rescheduled"
    assert history[1].kind == appt.DealEntryKind.NOTE
    assert history[1].text.startswith("changed from ")
    assert history[1].text == ("changed from Wed 2027-03-17 10:00 CET to "
                               "Wed 2027-03-24 10:00 CET")
    # The old time's timers are gone: nothing moves on the old Wednesday.
    assert at(practice, WED + 2 * HOUR, p, d) == "Appointment Scheduled"

    e.cancel(a.id, reason="sick")
    lost = e.get_deal(d)
    assert stage_name(p, lost) == "Closed Lost"
    assert lost.closed_at == WED + 2 * HOUR
    assert e.deal_history(d)[0].text == "visit cancelled: sick"
    assert deal_timers(e, a.id) == []
    board = e.deal_board(p.id)
    assert [c.deals for c in board.columns] == [0, 0, 0, 1]
    assert board.columns[3].amount_minor_units == 6000
    assert e.list_deals(open_only=True) == []
    assert e.list_deals(stage_id=p.stage("Closed Lost").id) == [lost]


def test_membership_deal_and_its_card(practice):
    e = practice.engine
    p = e.create_pipeline(appt.membership_pipeline_preset())
    plan_id = e.create_membership_plan(appt.MembershipPlan(
        name="Ten massages", service_ids=[practice.massage], visits=10,
        validity_days=90, price_minor_units=45000))
    m = e.purchase_membership(customer_id=practice.mario, plan_id=plan_id)
    opened = only_deal(e)
    assert stage_name(p, opened) == "Appointment Unscheduled"
    assert (opened.membership_id, opened.title) == (m.id, "Ten massages")
    assert (opened.amount_minor_units, opened.currency) == (45000, "EUR")
    assert e.deal_history(opened.id)[0].text == "membership bought"
    d = opened.id

    a = practice.book(start=WED, membership_id=m.id)  # no deal of its own
    deal = e.get_deal(d)
    assert stage_name(p, deal) == "Appointment Scheduled"
    assert deal.appointment_ids == [a.id]
    assert e.list_deals() == [deal]

    e.set_deal_integration(d, "B24-77", [
        appt.IntegrationField(key="bitrix_deal", value="77")])
    note = e.add_deal_note(d, "prefers mornings",
                           actor=appt.Actor(appt.ActorKind.STAFF, "giulia"))
    assert note.kind == appt.DealEntryKind.NOTE
    assert (note.deal_id, note.text) == (d, "prefers mornings")

    card = e.deal_card(d)
    assert card.deal == e.get_deal(d)
    assert card.deal.external_id == "B24-77"
    assert (card.pipeline, card.stage) == ("Memberships",
                                           "Appointment Scheduled")
    assert card.stage_kind == appt.StageKind.OPEN
    assert card.customer.id == practice.mario
    assert card.customer.email == "mario@example.com"
    assert card.next_appointment is not None
    assert card.next_appointment.id == a.id
    assert card.next_local_start == "2027-03-17 10:00"
    assert card.next_time_zone == "Europe/Berlin"
    assert (card.service, card.resource) == ("Massage", "Anna")
    assert card.membership is not None and card.membership.id == m.id
    assert card.membership_kind == "Ten massages"
    assert card.visits_left == 9
    assert card.certificate_number == m.certificate_number
    assert len(card.history) == 3
    assert card.history[0].text == "prefers mornings"
    assert card.history[0].actor.id == "giulia"
    assert card.history == e.deal_history(d)
    assert card.integration[0].key == "deal_id"
    assert card.integration[0] == appt.IntegrationField(key="deal_id",
                                                        value=str(d))
    assert [f.key for f in card.integration[:10]] == ENGINE_KEYS
    assert card.integration[6].value == str(a.id)
    assert card.integration[7].value == "2027-03-17T09:00:00Z"
    assert card.integration[9].value == "B24-77"
    assert card.integration[-1] == appt.IntegrationField(key="bitrix_deal",
                                                         value="77")


def test_host_opens_links_and_moves_deals(practice):
    e = practice.engine
    p = e.create_pipeline(appt.Pipeline(
        name="Corporate",
        stages=[appt.Stage(name="Lead"), appt.Stage(name="Booked"),
                appt.Stage(name="Won", kind=appt.StageKind.WON)],
        rules=[appt.StageRule(trigger=appt.StageTrigger.BOOKED,
                              stage="Booked")]))
    assert p.opens_deals == appt.DealSource.MANUAL
    a = practice.book(start=WED)
    assert e.list_deals() == []  # a manual pipeline opens none
    d = e.open_deal(appt.OpenDealRequest(
        pipeline_id=p.id, customer_id=practice.mario, title="Team massages",
        amount_minor_units=120000, external_id="CRM-1"))
    assert stage_name(p, d) == "Lead"
    assert (d.title, d.amount_minor_units, d.external_id) == (
        "Team massages", 120000, "CRM-1")
    assert e.deal_history(d.id)[0].text == "opened by the host"

    linked = e.link_deal_appointment(
        d.id, a.id, actor=appt.Actor(appt.ActorKind.STAFF, "x"))
    assert stage_name(p, linked) == "Booked"
    assert linked.appointment_ids == [a.id]
    with pytest.raises(appt.ConflictError):
        e.link_deal_appointment(d.id, a.id)

    won = e.move_deal(d.id, p.stage("Won").id, reason="signed contract")
    assert won.closed_at == START
    assert e.deal_history(d.id)[0].text == "moved by staff: signed contract"
    with pytest.raises(appt.FailedPreconditionError, match="already in stage"):
        e.move_deal(d.id, p.stage("Won").id)
    reopened = e.move_deal(d.id, p.stage("Booked").id)
    assert reopened.closed_at is None
    assert e.get_deal(d.id) == reopened
    assert e.list_deals(pipeline_id=p.id, open_only=True) == [reopened]
    assert e.list_deals(appt.DealQuery(customer_id=practice.luca)) == []
    # Keywords override the query's fields.
    assert e.list_deals(appt.DealQuery(customer_id=practice.luca),
                        customer_id=practice.mario) == [reopened]


def test_updating_rules_replans_open_deals(practice):
    e = practice.engine
    p = e.create_pipeline(appt.one_time_pipeline_preset())
    a = practice.book(start=WED)
    # List fields are copies: change them and assign them back.
    stages, rules = p.stages, p.rules
    stages[1].name = "Appointment Soon"
    rules[1].offset = -24 * HOUR
    rules[1].stage = "Appointment Soon"
    p.stages, p.rules = stages, rules
    updated = e.update_pipeline(p)
    assert updated.stages[1].id == p.stages[1].id  # kept
    assert updated.stages[1].name == "Appointment Soon"
    timers = deal_timers(e, a.id)
    assert [t.due for t in timers] == [WED - 24 * HOUR, WED + 2 * HOUR]
    assert timers[0].rule_id == updated.rules[1].id
    assert at(practice, WED - 24 * HOUR, updated, only_deal(e).id) == \
        "Appointment Soon"


def test_bad_input_names_the_field_and_changes_nothing(practice):
    e = practice.engine
    p = appt.one_time_pipeline_preset()
    rules = p.rules
    rules[1].stage = "Appointment Tomorrow"
    p.rules = rules
    with pytest.raises(appt.InvalidArgumentError,
                       match=r'rules\[1\]\.stage "Appointment Tomorrow" is '
                             r'not a stage of this pipeline'):
        e.create_pipeline(p)
    with pytest.raises(ValueError, match="is not a stage of this pipeline"):
        e.create_pipeline(p)
    p = appt.one_time_pipeline_preset()
    p.rules = p.rules + [p.rules[0]]
    with pytest.raises(appt.InvalidArgumentError, match=r"rules\[4\] repeats"):
        e.create_pipeline(p)
    p = appt.one_time_pipeline_preset()
    stages = p.stages
    stages[1].name = stages[0].name
    p.stages = stages
    with pytest.raises(appt.InvalidArgumentError, match=r"stages\[1\]\.name"):
        e.create_pipeline(p)
    p = appt.one_time_pipeline_preset()
    p.service_ids = [999]
    with pytest.raises(appt.NotFoundError):
        e.create_pipeline(p)
    with pytest.raises(appt.InvalidArgumentError, match="offset"):
        appt.StageRule(trigger=appt.StageTrigger.TIMED, stage="x", offset=3600)
    assert e.list_pipelines() == []

    saved = e.create_pipeline(appt.one_time_pipeline_preset())
    twin = appt.one_time_pipeline_preset()
    twin.service_ids = [practice.massage]
    with pytest.raises(appt.FailedPreconditionError):
        e.create_pipeline(twin)
    a = practice.book(start=WED)
    d = only_deal(e)

    with pytest.raises(appt.NotFoundError, match="pipeline_id 999"):
        e.open_deal(appt.OpenDealRequest(pipeline_id=999,
                                         customer_id=practice.mario))
    with pytest.raises(appt.ConflictError):  # a has a deal already
        e.open_deal(appt.OpenDealRequest(pipeline_id=saved.id,
                                         customer_id=practice.mario,
                                         appointment_ids=[a.id]))
    with pytest.raises(appt.InvalidArgumentError, match="amount.currency"):
        e.open_deal(appt.OpenDealRequest(pipeline_id=saved.id,
                                         customer_id=practice.mario,
                                         amount_minor_units=1,
                                         currency="euro"))
    with pytest.raises(appt.InvalidArgumentError,
                       match=r"integration\[1\]\.key"):
        e.open_deal(appt.OpenDealRequest(
            pipeline_id=saved.id, customer_id=practice.mario,
            integration=[appt.IntegrationField(key="k", value="1"),
                         appt.IntegrationField(key="k", value="2")]))
    with pytest.raises(appt.InvalidArgumentError, match="limit 0"):
        e.list_deals(limit=0)
    with pytest.raises(appt.InvalidArgumentError, match="limit 0"):
        e.list_deals(appt.DealQuery(limit=0))
    with pytest.raises(appt.InvalidArgumentError):
        e.move_deal(d.id, 999)
    with pytest.raises(appt.NotFoundError):
        e.move_deal(999, saved.stages[1].id)
    with pytest.raises(appt.InvalidArgumentError, match="text"):
        e.add_deal_note(d.id, "")
    with pytest.raises(appt.NotFoundError):
        e.add_deal_note(999, "x")
    with pytest.raises(appt.NotFoundError):
        e.link_deal_appointment(d.id, 999)
    with pytest.raises(appt.NotFoundError):
        e.get_deal(999)
    with pytest.raises(appt.NotFoundError):
        e.deal_card(999)
    with pytest.raises(appt.NotFoundError):
        e.deal_board(999)
    with pytest.raises(appt.NotFoundError):
        e.get_pipeline(999)
    with pytest.raises(appt.FailedPreconditionError, match="has deals"):
        e.delete_pipeline(saved.id)
    assert e.list_pipelines() == [saved]
    assert e.list_deals() == [d]
    assert len(e.deal_history(d.id)) == 1
