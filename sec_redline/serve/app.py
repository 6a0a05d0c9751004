"""The web application (Flask) and its server (waitress): every response carries the security headers;
every error is a page naming what was asked, never a traceback or a file of this machine.

Flask and waitress, and why (docs/serve.md): Flask is maintained by Pallets, as Jinja2 and click are, which
sec-redline already depends on; it is synchronous (WSGI), as the work is (SQLite reads, parsing, comparing,
rendering: CPU, not waiting), so no event loop stands between a request and that work.  waitress is a
pure-Python, production WSGI server with a fixed pool of threads and bounded connections, buffers and
time-outs, on every platform, with nothing to compile.
"""

from __future__ import annotations

import gc
import ipaddress
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from legal_text import Message, warning

from ..errors import OutputError
from ..outputs import Outputs
from ..render import render
from ..version import __version__
from .pages import URLS, as_json, html
from .queries import Library, Malformed, NotFound, PendingModification, PendingRelease, Unavailable
from .routes import Site, register

STATIC = Path(__file__).resolve().parent / "static"
THREADS = 8  # requests worked on at once; more wait in waitress's queue
CONNECTIONS = 100  # open connections at most
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cache-Control": "no-cache",
}
HEADINGS = {
    400: "Not a request this view can answer",
    404: "Not found",
    405: "Not allowed",
    503: "The version store is busy",
    500: "Something went wrong on our side",
}


def house_css() -> str:
    """The house style (``templates/_redline-style.html.j2``, a ``<style>`` element) as a style sheet."""
    text = render("_redline-style.html.j2").strip()
    if not (text.startswith("<style>") and text.endswith("</style>")):
        raise RuntimeError("_redline-style.html.j2 is no longer one <style> element")
    return text[len("<style>") : -len("</style>")].strip() + "\n"


def static_files() -> dict[str, tuple[bytes, str]]:
    """The web view's own files, read once: its script, its style sheet and the house style."""
    return {
        "site.css": ((STATIC / "site.css").read_bytes(), "text/css; charset=utf-8"),
        "comparison.js": ((STATIC / "comparison.js").read_bytes(), "text/javascript; charset=utf-8"),
        "house.css": (house_css().encode("utf-8"), "text/css; charset=utf-8"),
    }


def load_pending(manifests: Sequence[str | Path]) -> list[PendingRelease]:
    """The releases ``--pending`` manifests describe (a manifest or change set that is invalid: exit 4)."""
    from legal_text import ClauseRef

    from ..changes import load_changesets, touches
    from ..release import load_manifest

    out = []
    for path in manifests:
        m = load_manifest(path)
        mods = []
        for cs in load_changesets(list(m.modifications)):
            found = ((t.named, str(t.subject) if isinstance(t.subject, ClauseRef) else "") for t, _ in touches(cs))
            named = tuple(dict.fromkeys(found))
            mods.append(PendingModification(cs.modification, cs.kind, cs.title, named))
        out.append(PendingRelease(m.release, m.version, m.base_version, m.date.isoformat(), tuple(mods)))
    return out


def create_app(store: str | Path, pending: Sequence[str | Path] = ()) -> Flask:
    """The web view of the version store at ``store`` (opened read-only; InputError, exit 3, when it is
    missing or not a store of ours), with the ``pending`` release manifests shown apart."""
    library = Library(store, load_pending(pending))
    app = Flask("sec_redline.serve", static_folder=None)
    app.config.update(MAX_CONTENT_LENGTH=0, TRAP_HTTP_EXCEPTIONS=False, PROPAGATE_EXCEPTIONS=False)
    app.extensions["sec_redline.library"] = library
    site = Site(library)
    register(app, site)
    files = static_files()

    def static(name: str) -> Response:
        if name not in files:
            raise NotFound(f"there is no file {name} here")
        body, kind = files[name]
        return Response(body, content_type=kind)

    app.add_url_rule("/static/<name>", "static", static)
    app.add_url_rule("/favicon.ico", "favicon", lambda: Response(status=204))  # none: asked for by every browser
    app.before_request(library.refresh)

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        if response.status_code == 200 and not response.is_streamed and request.method in ("GET", "HEAD"):
            response.add_etag()
            response.make_conditional(request)
        return response

    def problem(status: int, message: str) -> Response:
        json = request.args.get("format") == "json"
        if json:
            body = as_json({"status": status, "error": HEADINGS.get(status, "Error"), "message": message})
            return Response(body, status=status, content_type="application/json; charset=utf-8")
        try:
            frame = site.frame()
        except Unavailable:
            frame = {"store": library.path.name, "versions": [], "selected": "", "day": "", "tool_version": __version__}
        page = html("error.html.j2", frame, title=HEADINGS.get(status, "Error"), crumbs=[],
                    heading=HEADINGS.get(status, "Error"), message=message)  # fmt: skip
        return Response(page, status=status, content_type="text/html; charset=utf-8")

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound) -> Response:
        return problem(404, str(exc))

    @app.errorhandler(Malformed)
    def malformed(exc: Malformed) -> Response:
        return problem(400, str(exc))

    @app.errorhandler(Unavailable)
    def unavailable(exc: Unavailable) -> Response:
        response = problem(503, str(exc))
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        code = exc.code or 500
        if code == 404:
            message = f"there is no page at {request.path[:300]}; the versions the store holds are at {URLS.home()}"
        elif code == 405:
            message = f"{request.method[:20]} is not answered here: this view only reads (GET and HEAD)"
        else:
            message = exc.description or HEADINGS.get(code, "Error")
        response = problem(code, message)
        if code == 405:
            response.headers["Allow"] = "GET, HEAD"
        return response

    @app.errorhandler(Exception)
    def bug(exc: Exception) -> Response:
        app.logger.error("error answering %s", request.path[:300], exc_info=exc)  # on the server's stderr only
        return problem(500, "the page could not be made; the error is in the server's log")

    return app


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(
    store: str | Path | None,
    host: str = "127.0.0.1",
    port: int = 8765,
    pending: Sequence[str | Path] = (),
) -> Outputs:
    """``sec-redline serve``: the web view of the version store at ``store``, listening at ``host``:``port``
    (on this machine only, unless told otherwise); the line that says where, and the serving itself (until
    Ctrl-C) as the work that follows it."""
    from waitress.server import create_server

    from ..store import DEFAULT_STORE

    app = create_app(store or DEFAULT_STORE, pending)
    try:
        server: Any = create_server(
            app, host=host, port=port, threads=THREADS, connection_limit=CONNECTIONS, channel_timeout=60,
            ident="sec-redline", expose_tracebacks=False, clear_untrusted_proxy_headers=True,
        )  # fmt: skip
    except OSError as exc:
        raise OutputError(
            f"cannot serve at {host}:{port}: {exc.strerror or exc}; give another --port or --host"
        ) from None
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" at each busy moment
    shown = f"[{host}]" if ":" in host else host
    said: list[Message] = []
    if not _loopback(host):
        said.append(
            warning(
                f"serving on {host}: anyone who can reach this machine can read the version store (there is no login)"
            )
        )
    library: Library = app.extensions["sec_redline.library"]

    def run() -> str:
        stop = threading.Event()
        gc.enable()  # a server lives long: the cycle collector runs (commands pause it for their short run)
        threading.Thread(target=library.summarise_all, args=(stop,), name="summaries", daemon=True).start()
        _stop_on_sigterm()
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            server.close()
        return "stopped serving"

    url = f"http://{shown}:{server.effective_port}/"
    return Outputs(messages=tuple(said), stdout=f"serving the version store {library.path.name} at {url} "
                   "(Ctrl-C stops)\n", joined=_Serving(run))  # fmt: skip


def _stop_on_sigterm() -> None:
    """SIGTERM (a service manager stopping the server, ``kill``) stops it as Ctrl-C does: the requests under
    way end, "stopped serving", exit 0.  (Ctrl-C is Python's own KeyboardInterrupt; a server started in the
    background of a script has SIGINT ignored, as Unix shells do for background jobs, and stops by SIGTERM.)"""
    import signal

    if threading.current_thread() is not threading.main_thread():
        return  # a server run from a thread of another program (tests, an embedding application)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


class _Serving:
    """Serving, as the work a command does once it has printed what it says (a ``Joined`` with no files:
    ``write_outputs`` runs it after the lines above are printed; nothing is written)."""

    def __init__(self, run: Callable[[], str]) -> None:
        self.run = run

    def prepare(self, token: str) -> None:
        """Nothing to prepare: the server is already bound."""

    def commit(self) -> str:
        return self.run()

    def abort(self) -> None:
        """Nothing to undo."""

    def asked(self) -> dict[str, str]:
        return {}


__all__ = ["create_app", "house_css", "make_server"]
