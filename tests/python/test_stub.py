"""The checked-in stub (_appt.pyi) declares exactly what the module has,
and every documented method has a docstring or a stubbed signature."""

import ast
import inspect
import pathlib

import appt
from appt import _appt

STUB = pathlib.Path(appt.__file__).with_name("_appt.pyi")


def stub_members():
    tree = ast.parse(STUB.read_text())
    members = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names = set()
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    names.add(item.name)
                elif isinstance(item, ast.AnnAssign):
                    names.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    names.update(t.id for t in item.targets)
            members[node.name] = names
        elif isinstance(node, ast.AnnAssign):
            members[node.target.id] = None
        elif isinstance(node, ast.FunctionDef):  # a module function
            members[node.name] = None
    return members


def module_members():
    members = {}
    for name, value in vars(_appt).items():
        if name.startswith("__") and name != "__version__":
            continue
        if inspect.isclass(value):
            own = {n for n in vars(value)
                   if not n.startswith("_") or n in ("__enter__", "__exit__")}
            if hasattr(value, "__members__"):  # an enum: its values
                own = set(value.__members__)
            members[name] = own
        else:
            members[name] = None
    return members


def test_stub_matches_module():
    stub, module = stub_members(), module_members()
    assert set(stub) == set(module)
    for name, names in module.items():
        if names is None:
            continue
        missing = names - stub[name] - {"__init__"}
        extra = stub[name] - names - {"__init__"}
        assert not missing, f"{name}: not in the stub: {missing}"
        assert not extra, f"{name}: only in the stub: {extra}"


def test_engine_methods_are_documented():
    for name in ("open_sqlite", "open_memory", "book", "search_slots",
                 "add_listener", "reschedule", "create_message_rule",
                 "run_due", "dispatch_messages", "next_due_at",
                 "report_delivery", "get_message_rule", "create_pipeline",
                 "open_deal", "list_deals", "deal_card", "deal_board"):
        doc = getattr(appt.Engine, name).__doc__
        assert "Returns:" in doc, name
    assert "Args:" in appt.Engine.book.__doc__
    for name in ("set_notifier", "start_background_runner",
                 "report_delivery", "set_messaging_settings"):
        assert "Args:" in getattr(appt.Engine, name).__doc__, name
    for name in ("accepted", "retry", "fail"):
        assert "Returns:" in getattr(appt.SendResult, name).__doc__, name
    for fn in (appt.one_time_pipeline_preset, appt.membership_pipeline_preset):
        assert "Returns:" in fn.__doc__, fn.__name__
