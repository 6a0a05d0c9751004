"""`sec-redline serve` as a person runs it: a real process on this machine's loopback, stopped by Ctrl-C;
a store that is missing or not ours is one line and exit 3; a port taken is one line and exit 5."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

from sec_redline.errors import EXIT_INPUT, EXIT_OUTPUT
from tests.sec_redline.serve.support import Served
from tests.support import run_cli, run_cli_process


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_serve_listens_on_loopback_answers_and_stops_at_ctrl_c(store):
    with Served(store) as served:
        assert served.first_line.startswith("serving the version store versions.sqlite at http://127.0.0.1:")
        status, headers, body = get(f"{served.url}/")
        assert status == 200 and b"SEC 6.18" in body
        assert (
            headers["X-Content-Type-Options"] == "nosniff" and "script-src 'self'" in headers["Content-Security-Policy"]
        )
        assert headers["Server"] == "sec-redline"
        status, headers, body = get(f"{served.url}/versions/9.99/")
        assert status == 404 and b"holds no version 9.99" in body and headers["X-Frame-Options"] == "DENY"
        code, out, err = served.stop()
    assert code == 0, err
    assert out == "" and "stopped serving\n" in err and "Traceback" not in err  # what was done: on stderr


def test_serve_stops_at_sigterm_as_at_ctrl_c(store):
    """A service manager (or `kill`) stops it with SIGTERM: the same clean stop, exit 0."""
    import signal

    with Served(store) as served:
        status, _, _ = get(f"{served.url}/")
        assert status == 200
        code, out, err = served.stop(signal.SIGTERM)
    assert code == 0, err
    assert out == "" and "stopped serving\n" in err and "Traceback" not in err


def test_a_store_that_is_missing_or_not_ours_is_one_line_and_exit_3(tmp_path):
    r = run_cli("serve", "--store", tmp_path / "none.sqlite")
    assert r.returncode == EXIT_INPUT
    said = f"{tmp_path / 'none.sqlite'}: no such version store; 'sec-redline store add VERSION PATH' creates one"
    assert r.stderr == f"sec-redline: error: {said}\n"
    other = tmp_path / "other.sqlite"
    other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    r = run_cli("serve", "--store", other)
    assert r.returncode == EXIT_INPUT and r.stderr.count("\n") == 1 and "is not a version store" in r.stderr


def test_a_port_already_taken_is_one_line_and_exit_5(store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = run_cli_process("serve", "--store", store, "--port", port)
    assert r.returncode == EXIT_OUTPUT, r.stderr
    said = f"cannot serve at 127.0.0.1:{port}: Address already in use; give another --port or --host"
    assert r.stderr == f"sec-redline: error: {said}\n"


def test_only_a_loopback_address_is_served_without_a_warning():
    from sec_redline.serve.app import _loopback

    assert _loopback("127.0.0.1") and _loopback("::1") and _loopback("localhost") and _loopback("127.0.0.2")
    assert not _loopback("0.0.0.0") and not _loopback("192.0.2.1") and not _loopback("example.org")
