"""One message shape: where (file:line or file paragraph N), level, clause and text, printed as users read it."""

from legal_text import Location, Message, Result, error, warning


def test_locations_print_as_users_read_them():
    assert str(Location("g.txt", 12)) == "g.txt:12"
    assert str(Location("annex.docx", paragraph=7)) == "annex.docx paragraph 7"
    assert str(Location("g.txt")) == "g.txt"
    assert str(Location()) == ""


def test_messages_print_with_level_except_errors():
    assert str(warning("removed a footer", Location("g.txt", 3))) == "g.txt:3: warning: removed a footer"
    assert str(error("anchor not found", Location("c.yaml", 7), "G3.20(b)")) == "c.yaml:7: G3.20(b): anchor not found"
    assert str(Message("info", "read (i) as a letter")) == "info: read (i) as a letter"
    assert str(warning("x", "file.txt", "G3.17")) == "file.txt: warning: G3.17: x"


def test_result_warnings_leave_out_information():
    r = Result(1, (Message("info", "a"), warning("b"), error("c")))
    assert [m.text for m in r.warnings] == ["b", "c"]
