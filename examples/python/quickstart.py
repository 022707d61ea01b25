"""The smallest complete use of appt from Python: open a store, define a
resource and a service, search slots, book, reschedule, cancel, print the
timeline; then a confirmation and a reminder rule, a notifier that prints
what it is given, and run_due() once the manual clock reaches the reminder.
Usage: quickstart.py [path.sqlite]  (no path: an in-memory store)
"""

import datetime as dt
import os
import sys

import appt

UTC = dt.timezone.utc


def main(argv):
    monday = dt.datetime(2027, 3, 22, tzinfo=UTC)
    clock = appt.ManualClock(monday + dt.timedelta(hours=6))
    if len(argv) > 1:
        if os.path.exists(argv[1]):
            os.remove(argv[1])
        engine = appt.Engine.open_sqlite(argv[1], clock=clock)
    else:
        engine = appt.Engine.open_memory(clock=clock)
    print("appt", appt.__version__)
    with engine:
        engine.add_listener(
            lambda ev: print(f"  event {ev.kind.name.lower()} "
                             f"#{ev.appointment.id}"))
        rossi = engine.create_resource(appt.Resource(
            name="Dr. Rossi",
            time_zone="Europe/Berlin",
            weekly_hours={day: [("09:00", "13:00")] for day in range(5)},
        ))
        checkup = engine.create_service(appt.Service(
            name="Checkup",
            duration=dt.timedelta(minutes=30),
            price_minor_units=6000,
            resource_ids=[rossi],
        ))
        anna = engine.create_customer(
            appt.Customer(name="Anna Bianchi", email="anna@example.it"))

        slots = engine.search_slots(checkup, monday,
                                    monday + dt.timedelta(days=1))
        print(f"{len(slots)} free slots on Monday, first at "
              f"{slots[0].start.isoformat()}")
        visit = engine.book(customer_id=anna, service_id=checkup,
                            resource_id=rossi, start=slots[0].start)
        try:
            engine.book(customer_id=anna, service_id=checkup,
                        resource_id=rossi, start=slots[0].start)
        except appt.ConflictError as e:
            print("booking the same slot again:", e)

        visit = engine.reschedule(
            visit.id, slots[-1].start,
            actor=appt.Actor(appt.ActorKind.CUSTOMER, "anna"))
        print("moved to", visit.start.isoformat())
        visit = engine.cancel(visit.id, reason="doctor ill",
                              actor=appt.Actor(appt.ActorKind.STAFF,
                                               "reception"))
        print("state:", visit.state.name.lower())

        print(f"timeline of #{visit.id} (newest first):")
        for entry in engine.timeline(visit.id):
            print(f"  {entry.at.isoformat()}  {entry.kind:<11} by "
                  f"{entry.actor.kind.name.lower()} {entry.actor.id}: "
                  f"{entry.details}")

        # Messages: the engine decides, the notifier sends.
        def notify(message):
            print(f"  notifier: {message.kind.name.lower()} to "
                  f"{message.recipient}: {message.body}")
            return appt.SendResult.accepted(f"demo-{message.id}")

        engine.set_notifier(notify)
        email = appt.Channel.EMAIL
        engine.create_message_rule(appt.MessageRule(
            name="Confirmation", kind=appt.MessageKind.CONFIRMED,
            channels=[email],
            templates=[appt.MessageTemplate(
                channel=email, subject="Booked: {{service.name}}",
                body="Booked: {{service.name}}, {{appointment.when}}.")]))
        engine.create_message_rule(appt.MessageRule(
            name="Reminder 24 h before", kind=appt.MessageKind.REMINDER,
            offset=dt.timedelta(hours=24), channels=[email],
            templates=[appt.MessageTemplate(
                channel=email, subject="See you tomorrow",
                body="Hi {{customer.name}}, see you {{appointment.when}} "
                     "with {{resource.name}}.")]))
        tuesday = engine.book(customer_id=anna, service_id=checkup,
                              resource_id=rossi,
                              start=monday + dt.timedelta(days=1, hours=8))
        due = engine.next_due_at()
        print("reminder due at", due.isoformat())
        print("run_due now:", engine.run_due())
        clock.set(due)
        report = engine.run_due()
        print("run_due at", clock.now().isoformat() + ":", report)
        for m in engine.list_appointment_messages(tuesday.id):
            print(f"  message {m.id} {m.kind.name.lower()}: "
                  f"{m.state.name.lower()} ({m.provider_id})")
        if report.dispatch.sent != 1:
            return 1

        # Manual approval (R3): checkup bookings wait for the desk.
        chain = engine.create_status_chain(appt.StatusChain.manual_approval())
        service = engine.get_service(checkup)
        service.workflow_enabled = True
        engine.update_service(service)
        engine.set_workflow_settings(
            appt.WorkflowSettings(enabled=True, default_chain_id=chain.id))
        request = engine.book(customer_id=anna, service_id=checkup,
                              resource_id=rossi,
                              start=monday + dt.timedelta(days=2, hours=8))
        board = engine.status_board(monday, monday + dt.timedelta(days=7))
        print(f"{board.unconfirmed} request(s) awaiting approval")
        engine.set_status(request.id, chain.status("Confirmed").id,
                          actor=appt.Actor(appt.ActorKind.STAFF, "desk"))
        history = engine.status_history(request.id)
        print(" -> ".join(h.to_status for h in reversed(history)))
        if board.unconfirmed != 1 or len(history) != 2:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
