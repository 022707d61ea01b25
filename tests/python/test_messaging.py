"""Messages and reminders through Python (R4): rules, the notifier callable,
run_due() on a manual clock, retries, delivery reports, firings, settings
and the background runner, on both stores."""

import datetime as dt
import threading

import pytest

import appt
from conftest import START, TUE_0900_BERLIN, UTC

EMAIL, SMS = appt.Channel.EMAIL, appt.Channel.SMS
REMINDER_DUE = TUE_0900_BERLIN - dt.timedelta(hours=24)


def email(body="Ciao {{customer.name}}, a presto: {{appointment.when}}",
          subject="Promemoria", locale=""):
    return appt.MessageTemplate(channel=EMAIL, locale=locale, subject=subject,
                                body=body)


def reminder(**kw):
    args = dict(name="Promemoria 24 h", kind=appt.MessageKind.REMINDER,
                channels=[EMAIL], templates=[email()],
                offset=dt.timedelta(hours=24))
    args.update(kw)
    return appt.MessageRule(**args)


def on_change(kind, **kw):
    args = dict(name=kind.name.lower(), kind=kind, channels=[EMAIL],
                templates=[email(subject="{{service.name}}")])
    args.update(kw)
    return appt.MessageRule(**args)


class Outbox:
    """A notifier: records every message; answers accepted unless told
    otherwise (a queue of SendResults, exceptions or other values)."""

    def __init__(self):
        self.messages = []
        self.answers = []
        self.threads = set()

    def __call__(self, message):
        self.messages.append(message)
        self.threads.add(threading.get_ident())
        if self.answers:
            answer = self.answers.pop(0)
            if isinstance(answer, BaseException):
                raise answer
            return answer
        return appt.SendResult.accepted(f"provider-{message.id}")

    def kinds(self):
        return [m.kind for m in self.messages]


@pytest.fixture
def outbox(practice):
    box = Outbox()
    practice.engine.set_notifier(box)
    return box


def test_rule_crud_round_trip_with_non_ascii_text(practice):
    e = practice.engine
    rule = reminder(
        name="Promemoria — è domani ✓",
        service_ids=[practice.massage],
        channels=[EMAIL, SMS],
        required_consents=[appt.ConsentKind.EMAIL],
        templates=[email(), email(locale="it", subject="À demain? No: è "
                                  "domani"),
                   appt.MessageTemplate(channel=SMS,
                                        body="{{appointment.when}} 📅")],
        external_id="crm-ü-1")
    rid = e.create_message_rule(rule)
    rule.id = rid
    assert e.get_message_rule(rid) == rule
    got = e.get_message_rule(rid)
    assert got.templates[1].subject == "À demain? No: è domani"
    assert got.offset == dt.timedelta(hours=24)
    assert got.grace == dt.timedelta(hours=1)
    assert got.at_local_time is None
    assert "Promemoria — è domani ✓" in repr(got)
    # Fields are copies: editing a returned element leaves the rule alone,
    # and a value read stays what it was.
    got.templates[0].body = "changed"
    assert got.templates[0].body == email().body
    kind, channels = got.kind, got.channels
    got.kind, got.channels = appt.MessageKind.BOOK_AGAIN, [SMS]
    assert (kind, channels) == (appt.MessageKind.REMINDER, [EMAIL, SMS])

    rule.name = "Promemoria (18:00 il giorno prima)"
    rule.offset = dt.timedelta(0)
    rule.at_local_time = appt.LocalTimeOfDay("18:00", days_before=1)
    e.update_message_rule(rule)
    e.set_message_rule_enabled(rid, False)
    rule.enabled = False
    assert e.list_message_rules() == [rule]
    assert e.get_message_rule(rid).at_local_time == appt.LocalTimeOfDay(
        dt.time(18, 0), days_before=1)
    assert e.get_message_rule(rid).at_local_time.time == "18:00"

    e.delete_message_rule(rid)
    with pytest.raises(appt.NotFoundError, match=str(rid)):
        e.get_message_rule(rid)
    assert e.list_message_rules() == []


def test_confirmation_on_booking_carries_a_calendar(practice, outbox):
    e = practice.engine
    e.create_message_rule(on_change(appt.MessageKind.CONFIRMED))
    a = practice.book()
    assert outbox.kinds() == [appt.MessageKind.CONFIRMED]
    sent = outbox.messages[0]
    assert sent.channel == EMAIL
    assert sent.recipient == "mario@example.com"
    assert sent.subject == "Massage"
    assert sent.appointment_id == a.id and sent.customer_id == practice.mario
    assert "METHOD:REQUEST" in sent.calendar
    assert sent.state == appt.MessageState.QUEUED and sent.attempts == 1
    assert sent.created_at == START and sent.created_at.tzinfo is UTC
    [stored] = e.list_appointment_messages(a.id)
    assert stored.state == appt.MessageState.SENT
    assert stored.provider_id == f"provider-{stored.id}"
    assert stored.idempotency_key == sent.idempotency_key
    assert e.get_message(stored.id) == stored
    assert e.list_customer_messages(practice.mario) == [stored]
    kinds = [t.kind for t in e.timeline(a.id)]
    assert "message_queued" in kinds and "message_sent" in kinds


def test_reminder_fires_once_at_its_time(practice, outbox):
    e = practice.engine
    rid = e.create_message_rule(reminder())
    a = practice.book()
    [timer] = e.list_pending_timers(a.id)
    assert (timer.rule_id, timer.appointment_id) == (rid, a.id)
    assert timer.due == timer.nominal_due == REMINDER_DUE
    assert e.next_due_at() == REMINDER_DUE

    assert e.run_due() == appt.RunDueReport()
    practice.clock.set(REMINDER_DUE - dt.timedelta(minutes=1))
    assert e.run_due().messages_created == 0
    assert outbox.messages == []

    practice.clock.set(REMINDER_DUE)
    report = e.run_due()
    assert report == appt.RunDueReport(
        messages_created=1, dispatch=appt.DispatchReport(sent=1))
    assert outbox.kinds() == [appt.MessageKind.REMINDER]
    assert "Mario Rossi" in outbox.messages[0].body
    assert outbox.messages[0].calendar == ""

    practice.clock.advance(dt.timedelta(minutes=30))
    assert e.run_due() == appt.RunDueReport()
    assert len(outbox.messages) == 1
    assert e.list_pending_timers(a.id) == []
    assert e.next_due_at() is None
    [firing] = e.list_firings(a.id)
    assert firing.outcome == appt.FiringOutcome.CREATED
    assert firing.message_id == outbox.messages[0].id
    assert firing.at == REMINDER_DUE


def test_reschedule_moves_the_reminder_and_cancel_drops_it(practice, outbox):
    e = practice.engine
    e.create_message_rule(reminder())
    e.create_message_rule(on_change(appt.MessageKind.CANCELLED))
    a = practice.book()
    b = practice.book(start=TUE_0900_BERLIN + dt.timedelta(days=2))
    wednesday = TUE_0900_BERLIN + dt.timedelta(days=1)
    e.reschedule(a.id, wednesday)
    [moved] = e.list_pending_timers(a.id)
    assert moved.due == wednesday - dt.timedelta(hours=24)

    e.cancel(b.id, reason="influenza", actor=appt.Actor(appt.ActorKind.CUSTOMER, "anna"))
    assert e.list_pending_timers(b.id) == []
    [cancelled] = e.list_appointment_messages(b.id)
    assert cancelled.kind == appt.MessageKind.CANCELLED
    assert "METHOD:CANCEL" in cancelled.calendar
    assert outbox.kinds() == [appt.MessageKind.CANCELLED]

    practice.clock.set(REMINDER_DUE)  # the old time: nothing
    assert e.run_due().messages_created == 0
    practice.clock.set(moved.due)
    assert e.run_due().messages_created == 1
    practice.clock.set(b.start - dt.timedelta(hours=24))  # cancelled: nothing
    assert e.run_due().messages_created == 0
    assert outbox.kinds() == [appt.MessageKind.CANCELLED,
                              appt.MessageKind.REMINDER]
    assert outbox.messages[1].appointment_id == a.id
    assert "3 marzo 2027" in outbox.messages[1].body  # the new date


def test_italian_customer_reads_rome_time(practice, outbox):
    e = practice.engine
    rome = e.create_resource(appt.Resource(
        name="Giulia", time_zone="Europe/Rome",
        weekly_hours={d: [("09:00", "18:00")] for d in range(5)}))
    visit = e.create_service(appt.Service(
        name="Visita", duration=dt.timedelta(minutes=30), resource_ids=[rome],
        price_minor_units=6000))
    e.create_message_rule(on_change(
        appt.MessageKind.CONFIRMED,
        templates=[email(body="See you {{appointment.when}}"),
                   email(locale="it", subject="Conferma",
                         body="Ciao {{customer.name}}, {{appointment.when}} "
                              "({{service.price}})")]))
    e.book(customer_id=practice.mario, service_id=visit, resource_id=rome,
           start=dt.datetime(2027, 3, 29, 8, tzinfo=UTC))
    [m] = outbox.messages
    assert m.locale == "it"
    assert m.body.startswith(
        "Ciao Mario Rossi, lunedì 29 marzo 2027, 10:00 (60,00")


def test_retry_then_success_after_the_backoff(practice, outbox):
    e = practice.engine
    e.set_messaging_settings(appt.MessagingSettings(
        retry_backoff=dt.timedelta(minutes=10), max_attempts=3))
    e.create_message_rule(on_change(appt.MessageKind.CONFIRMED))
    outbox.answers = [appt.SendResult.retry("smtp timeout")]
    a = practice.book()
    [m] = e.list_appointment_messages(a.id)
    assert (m.state, m.attempts, m.error) == (appt.MessageState.QUEUED, 1,
                                              "smtp timeout")
    assert m.not_before == START + dt.timedelta(minutes=10)
    assert e.next_due_at() == m.not_before

    assert e.run_due().dispatch == appt.DispatchReport()  # not yet
    assert len(outbox.messages) == 1
    practice.clock.advance(dt.timedelta(minutes=10))
    assert e.run_due().dispatch == appt.DispatchReport(sent=1)
    m = e.get_message(m.id)
    assert (m.state, m.attempts) == (appt.MessageState.SENT, 2)
    keys = [x.idempotency_key for x in outbox.messages]
    assert keys == [m.idempotency_key] * 2
    kinds = [t.kind for t in e.timeline(a.id)]
    assert kinds.index("message_sent") < kinds.index("message_retry")


def test_permanent_failure_and_running_out_of_attempts(practice, outbox):
    e = practice.engine
    e.set_messaging_settings(appt.MessagingSettings(max_attempts=1))
    e.create_message_rule(on_change(appt.MessageKind.CONFIRMED))
    outbox.answers = [appt.SendResult.fail("mailbox does not exist"),
                      appt.SendResult.retry("busy")]
    first, second = practice.book(), practice.book(
        start=TUE_0900_BERLIN + dt.timedelta(days=1))
    for a, error in ((first, "mailbox does not exist"), (second, "busy")):
        [m] = e.list_appointment_messages(a.id)
        assert (m.state, m.error) == (appt.MessageState.FAILED, error)


def test_report_delivery_and_forbidden_moves(practice, outbox):
    e = practice.engine
    e.create_message_rule(on_change(appt.MessageKind.CONFIRMED))
    a = practice.book()
    [m] = e.list_appointment_messages(a.id)
    m = e.report_delivery(m.id, appt.MessageState.DELIVERED)
    assert m.state == appt.MessageState.DELIVERED
    m = e.report_delivery(m.id, appt.MessageState.READ, detail="opened ✓")
    assert m.state == appt.MessageState.READ
    with pytest.raises(appt.FailedPreconditionError, match="read") as info:
        e.report_delivery(m.id, appt.MessageState.DELIVERED)
    assert "delivered" in str(info.value)
    with pytest.raises(appt.InvalidArgumentError, match="queued"):
        e.report_delivery(m.id, appt.MessageState.QUEUED)
    assert e.get_message(m.id).state == appt.MessageState.READ
    assert "opened ✓" in e.timeline(a.id)[0].details

    e.set_notifier(None)  # the next one stays queued: nothing to report
    b = practice.book(start=TUE_0900_BERLIN + dt.timedelta(days=1))
    [queued] = e.list_appointment_messages(b.id)
    assert queued.state == appt.MessageState.QUEUED
    with pytest.raises(appt.FailedPreconditionError):
        e.report_delivery(queued.id, appt.MessageState.DELIVERED)
    e.set_notifier(outbox)
    assert e.dispatch_messages() == appt.DispatchReport(sent=1)
    failed = e.report_delivery(queued.id, appt.MessageState.FAILED,
                               detail="bounced")
    assert (failed.state, failed.error) == (appt.MessageState.FAILED,
                                            "bounced")


def test_firings_record_skips_with_reasons(practice, outbox):
    e = practice.engine
    e.create_message_rule(reminder(grace=dt.timedelta(hours=1)))
    e.create_message_rule(on_change(
        appt.MessageKind.CONFIRMED, channels=[SMS],
        required_consents=[appt.ConsentKind.SMS],
        templates=[appt.MessageTemplate(channel=SMS, body="ok")]))
    a = practice.book()
    practice.clock.set(REMINDER_DUE + dt.timedelta(hours=2))  # engine was off
    report = e.run_due()
    assert (report.messages_created, report.skipped) == (0, 1)
    firings = e.list_firings(a.id)
    assert [f.outcome for f in firings] == [appt.FiringOutcome.SKIPPED] * 2
    assert "no consent" in firings[0].reason and "sms" in firings[0].reason
    assert "missed" in firings[1].reason
    assert all(f.message_id == 0 for f in firings)
    assert outbox.messages == [] and e.list_appointment_messages(a.id) == []
    assert "message_skipped" in [t.kind for t in e.timeline(a.id)]


def test_settings_round_trip(practice):
    e = practice.engine
    assert e.get_messaging_settings() == appt.MessagingSettings()
    settings = appt.MessagingSettings(
        business_name="Studio Bianchi — Roma", default_locale="it-IT",
        send_window=("08:00", "20:30"), max_reminders_per_customer_per_day=2,
        max_attempts=7, retry_backoff=dt.timedelta(minutes=2),
        max_retry_backoff=dt.timedelta(hours=1),
        claim_timeout=dt.timedelta(minutes=3))
    e.set_messaging_settings(settings)
    got = e.get_messaging_settings()
    assert got == settings
    assert got.send_window == ("08:00", "20:30")
    assert got.retry_backoff == dt.timedelta(minutes=2)
    assert "Studio Bianchi — Roma" in repr(got)
    got.send_window = (dt.time(7), "24:00")
    got.business_name = "Studio"
    e.set_messaging_settings(got)
    assert e.get_messaging_settings().send_window == ("07:00", "24:00")
    got.send_window = None
    e.set_messaging_settings(got)
    assert e.get_messaging_settings().send_window is None


@pytest.mark.parametrize("failure, text", [
    (RuntimeError("smtp down"), "RuntimeError: smtp down"),
    (None, "NoneType"),
    ("accepted", "str"),
])
def test_notifier_failure_is_a_retry(practice, outbox, failure, text):
    e = practice.engine
    e.create_message_rule(on_change(appt.MessageKind.CONFIRMED))
    outbox.answers = [failure]
    a = practice.book()
    [m] = e.list_appointment_messages(a.id)
    assert (m.state, m.attempts) == (appt.MessageState.QUEUED, 1)
    assert text in m.error
    practice.clock.advance(dt.timedelta(minutes=1))
    assert e.run_due().dispatch.sent == 1


def test_answers_that_are_not_utf8_stay_readable(practice, outbox):
    e = practice.engine
    e.create_message_rule(on_change(appt.MessageKind.CONFIRMED))
    outbox.answers = [appt.SendResult.retry(b"bad \xff")]
    a = practice.book()
    assert e.list_appointment_messages(a.id)[0].error == "bad \\xff"
    outbox.answers = [appt.SendResult.accepted(b"id-\xfe")]
    practice.clock.advance(dt.timedelta(minutes=1))
    e.run_due()
    assert e.list_appointment_messages(a.id)[0].provider_id == "id-\\xfe"


def test_notifier_may_call_back_into_the_engine(practice):
    e = practice.engine
    seen = []

    def notifier(message):
        appointment = e.get_appointment(message.appointment_id)
        history = e.list_appointment_messages(message.appointment_id)
        seen.append((appointment.state, len(history), threading.get_ident()))
        return appt.SendResult.accepted("x")

    e.set_notifier(notifier)
    e.create_message_rule(on_change(appt.MessageKind.CONFIRMED))
    e.create_message_rule(reminder())
    practice.book()
    practice.clock.set(REMINDER_DUE)
    worker = threading.Thread(target=e.run_due)  # from another thread too
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert [(s, n) for s, n, _ in seen] == [
        (appt.AppointmentState.BOOKED, 1), (appt.AppointmentState.BOOKED, 2)]
    assert seen[0][2] == threading.get_ident() != seen[1][2]


def test_notifier_may_not_close_its_engine(practice):
    e = practice.engine
    e.set_notifier(lambda message: e.close())
    e.create_message_rule(on_change(appt.MessageKind.CONFIRMED))
    a = practice.book()
    [m] = e.list_appointment_messages(a.id)  # the engine is still open
    assert m.state == appt.MessageState.QUEUED
    assert "FailedPreconditionError" in m.error and "close()" in m.error
    e.set_notifier(lambda message: e.stop_background_runner())
    practice.clock.advance(dt.timedelta(minutes=1))
    e.run_due()
    assert "stop_background_runner()" in e.get_message(m.id).error


def test_background_runner_sends_due_reminders(practice):
    e = practice.engine
    outbox = Outbox()
    arrived = threading.Event()

    def notifier(message):
        answer = outbox(message)
        if message.kind == appt.MessageKind.REMINDER:
            arrived.set()
        return answer

    e.set_notifier(notifier)
    e.create_message_rule(reminder())
    a = practice.book()
    e.start_background_runner(max_sleep=dt.timedelta(milliseconds=20))
    with pytest.raises(appt.FailedPreconditionError):
        e.start_background_runner()
    practice.clock.set(REMINDER_DUE)
    assert arrived.wait(timeout=60)
    e.stop_background_runner()
    e.stop_background_runner()  # a no-op when none runs
    assert outbox.kinds() == [appt.MessageKind.REMINDER]
    assert threading.get_ident() not in outbox.threads
    [m] = e.list_appointment_messages(a.id)
    assert m.state == appt.MessageState.SENT


def test_close_stops_a_running_runner(practice):
    e = practice.engine
    e.set_notifier(Outbox())
    e.start_background_runner(max_sleep=dt.timedelta(milliseconds=5))
    e.close()
    with pytest.raises(appt.FailedPreconditionError, match="closed"):
        e.run_due()


def test_records_have_keyword_constructors_and_reprs():
    at = dt.datetime(2027, 3, 1, 9, tzinfo=UTC)
    m = appt.Message(id=3, kind=appt.MessageKind.CONFIRMED,
                     recipient="anna@example.it", body="ciao", created_at=at)
    assert m == appt.Message(id=3, kind=appt.MessageKind.CONFIRMED,
                             recipient="anna@example.it", body="ciao",
                             created_at=at)
    assert m.updated_at == m.not_before == at
    assert "confirmed" in repr(m) and "anna@example.it" in repr(m)
    f = appt.Firing(id=1, outcome=appt.FiringOutcome.SKIPPED, reason="why",
                    at=at)
    assert f.reason == "why" and "skipped" in repr(f)
    t = appt.Timer(id=2, rule_id=1, nominal_due=at)
    assert t.due == at and "2027-03-01T09:00:00Z" in repr(t)
    assert appt.SendResult.accepted("p1") == appt.SendResult(
        outcome=appt.SendOutcome.ACCEPTED, provider_id="p1")
    assert appt.SendResult.retry("e").outcome == \
        appt.SendOutcome.RETRYABLE_FAILURE
    assert repr(appt.SendResult.fail("bad")) == "appt.SendResult.fail('bad')"
    assert "sent=1" in repr(appt.RunDueReport(
        dispatch=appt.DispatchReport(sent=1)))
    assert "appointment.when" in appt.TEMPLATE_FIELDS
    assert repr(appt.LocalTimeOfDay("09:00")) == \
        "appt.LocalTimeOfDay('09:00', days_before=0)"


def snapshot(practice):
    e = practice.engine
    return e.list_message_rules(), e.get_messaging_settings()


@pytest.mark.parametrize("call, error, field", [
    (lambda p: p.engine.get_message_rule(999), appt.NotFoundError, "999"),
    (lambda p: p.engine.update_message_rule(reminder(id=4242)),
     appt.NotFoundError, "4242"),
    (lambda p: p.engine.set_message_rule_enabled(4242, True),
     appt.NotFoundError, "4242"),
    (lambda p: p.engine.delete_message_rule(4242), appt.NotFoundError, "4242"),
    (lambda p: p.engine.get_message(77), appt.NotFoundError, "77"),
    (lambda p: p.engine.report_delivery(77, appt.MessageState.DELIVERED),
     appt.NotFoundError, "77"),
    (lambda p: p.engine.list_appointment_messages(78), LookupError, "78"),
    (lambda p: p.engine.list_customer_messages(79), LookupError, "79"),
    (lambda p: p.engine.list_firings(80), LookupError, "80"),
    (lambda p: p.engine.list_pending_timers(81), LookupError, "81"),
    (lambda p: p.engine.create_message_rule(reminder(service_ids=[999])),
     appt.NotFoundError, "service_ids[0]: service_id 999"),
    (lambda p: p.engine.create_message_rule(reminder(
        templates=[email(body="Ciao {{customer.nmae}}")])),
     ValueError, "customer.nmae"),
    (lambda p: p.engine.create_message_rule(reminder(
        templates=[email(locale="it")])), ValueError, "templates"),
    (lambda p: p.engine.create_message_rule(reminder(
        kind=appt.MessageKind(42))), appt.InvalidArgumentError, "kind"),
    (lambda p: p.engine.create_message_rule(reminder(
        channels=[appt.Channel(7)])),
     appt.InvalidArgumentError, "channels[0]"),
    (lambda p: p.engine.create_message_rule(reminder(channels=[])),
     appt.InvalidArgumentError, "channels"),
    (lambda p: p.engine.create_message_rule(reminder(
        offset=-dt.timedelta(hours=1))), appt.InvalidArgumentError, "offset"),
    (lambda p: p.engine.create_message_rule(reminder(offset=60)),
     appt.InvalidArgumentError, "offset"),
    (lambda p: p.engine.create_message_rule(on_change(
        appt.MessageKind.CONFIRMED,
        at_local_time=appt.LocalTimeOfDay("09:00"))),
     appt.InvalidArgumentError, "at_local_time"),
    (lambda p: p.engine.create_message_rule(reminder(
        offset=dt.timedelta(0),
        at_local_time=appt.LocalTimeOfDay("09:00", days_before=40))),
     appt.InvalidArgumentError, "days_before"),
    (lambda p: appt.LocalTimeOfDay("25:00"), appt.InvalidArgumentError,
     "25:00"),
    (lambda p: p.engine.create_message_rule(reminder(name=b"bad \xc3\x28")),
     appt.InvalidArgumentError, "name"),
    (lambda p: p.engine.report_delivery(1, appt.MessageState(9)),
     appt.Error, "state"),
    (lambda p: p.engine.set_messaging_settings(
        appt.MessagingSettings(max_attempts=0)),
     appt.InvalidArgumentError, "max_attempts"),
    (lambda p: p.engine.set_messaging_settings(
        appt.MessagingSettings(send_window=("20:00", "08:00"))),
     appt.InvalidArgumentError, "send_window"),
    (lambda p: appt.MessagingSettings(send_window="08:00-20:00"),
     appt.InvalidArgumentError, "send_window"),
    (lambda p: p.engine.set_messaging_settings(
        appt.MessagingSettings(default_locale="not a locale!")),
     appt.InvalidArgumentError, "default_locale"),
    (lambda p: p.engine.set_messaging_settings(
        appt.MessagingSettings(retry_backoff=dt.timedelta(0))),
     appt.InvalidArgumentError, "retry_backoff"),
    (lambda p: p.engine.start_background_runner(max_sleep=dt.timedelta(0)),
     appt.InvalidArgumentError, "max_sleep"),
])
def test_bad_input_raises_and_changes_nothing(practice, call, error, field):
    practice.engine.create_message_rule(reminder(name="kept"))
    before = snapshot(practice)
    with pytest.raises(error) as info:
        call(practice)
    assert field in str(info.value)
    assert snapshot(practice) == before


@pytest.mark.parametrize("call", [
    lambda p: p.engine.create_message_rule("a rule"),
    lambda p: p.engine.create_message_rule(appt.MessagingSettings()),
    lambda p: reminder(kind="reminder"),
    lambda p: reminder(channels="email"),
    lambda p: reminder(channels=[0]),
    lambda p: reminder(templates=[{"channel": EMAIL, "body": "hi"}]),
    lambda p: appt.MessageTemplate(channel="email"),
    lambda p: appt.MessagingSettings(max_attempts="5"),
    lambda p: p.engine.set_notifier(42),
    lambda p: p.engine.get_message("1"),
    lambda p: p.engine.report_delivery(1, "delivered"),
    lambda p: p.engine.set_message_rule_enabled("1", True),
])
def test_wrong_types_raise_type_error(practice, call):
    with pytest.raises(TypeError):
        call(practice)
