"""Jinja2 templates: the package's own, with a user's folder searched first (sandboxed)."""

from __future__ import annotations

import datetime as dt
import re
import signal
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..dates import long_date
from ..errors import InputError
from ..house_style import classification_sentence
from .shipped import package_templates

RENDER_SECONDS = 10.0  # a user's template that runs longer is stopped
MAX_OUTPUT = 64 * 1024 * 1024  # characters a user's template may write
_WIDTHS = re.compile(r"%[-+ #0]*(\d+)")


def environment(user_dir: str | Path | None = None) -> jinja2.Environment:
    """An environment with StrictUndefined and HTML autoescaping; sandboxed when a user folder is given."""
    if user_dir is not None and not Path(user_dir).is_dir():
        raise InputError(f"{user_dir}: no such template folder")
    return _environment(None if user_dir is None else str(user_dir))


@lru_cache(maxsize=16)
def _environment(user_dir: str | None) -> jinja2.Environment:
    """One environment per template folder, so templates compile once (they reload if a file changes)."""
    paths = [str(package_templates())]
    cls: type[jinja2.Environment] = jinja2.Environment
    if user_dir is not None:
        paths.insert(0, user_dir)
        cls = _BoundedSandbox
    env = cls(
        loader=jinja2.FileSystemLoader(paths),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "htm", "xml", "html.j2"), default_for_string=True
        ),
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals["classification_sentence"] = classification_sentence
    env.filters["long_date"] = _long_date
    return env


def _long_date(value: dt.date | str) -> str:
    """``{{ d | long_date }}``: a date, or an ISO 8601 date or timestamp ("2019-10-04T00:00:00Z"), in words as
    every output writes it ("4 October 2019")."""
    return long_date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10]))


class _TemplateTimeout(Exception):
    """A user's template ran for longer than RENDER_SECONDS."""


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's sandbox, also refusing operators that build huge values from small ones ("x" * 10**9,
    10 ** 10**9, "%0999999999d" % 1)."""

    intercepted_binops = frozenset(["*", "**", "%"])

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise jinja2.exceptions.SecurityError(f"a power of {right} is too large")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_OUTPUT:
                    raise jinja2.exceptions.SecurityError("a repetition that large is not allowed")
        if operator == "%" and isinstance(left, str) and any(int(w) > 10_000 for w in _WIDTHS.findall(left)):
            raise jinja2.exceptions.SecurityError("a format width that large is not allowed")
        return super().call_binop(context, operator, left, right)


def _template_line(exc: BaseException) -> str:
    """``file:line`` of the template frame an exception came from, or "" when it came from no template."""
    where = ""
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render within RENDER_SECONDS and MAX_OUTPUT characters."""

    def expire(signum: int, frame: object) -> None:
        raise _TemplateTimeout

    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = signal.signal(signal.SIGALRM, expire) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)
    try:
        parts: list[str] = []
        size = 0
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise InputError(
                    f"{template.filename or template.name}: the template writes more than "
                    f"{MAX_OUTPUT // (1024 * 1024)} MB; look for a loop that never ends"
                )
            parts.append(chunk)
        return "".join(parts)
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def template_file(name: str, user_dir: str | Path | None = None) -> str:
    """The file template ``name`` is read from: the user's folder's when it has one, else the package's."""
    if user_dir is not None and (Path(user_dir) / name).is_file():
        return str(Path(user_dir) / name)
    return str(package_templates() / name)


def render(name: str, user_dir: str | Path | None = None, **context: Any) -> str:
    """Render template ``name``; any error in a user's template is one clear line naming its file and line,
    and a user's template is bounded in time (RENDER_SECONDS) and output (MAX_OUTPUT)."""
    env = environment(user_dir)
    shown = str(Path(user_dir) / name) if user_dir is not None and (Path(user_dir) / name).is_file() else name
    try:
        template = env.get_template(name)
        shown = template.filename or shown
        return template.render(**context) if user_dir is None else _bounded(template, context)
    except jinja2.TemplateNotFound:
        raise InputError(f"template {name} not found (looked in {user_dir or ''} and the package templates)") from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except UnicodeDecodeError:
        raise InputError(f"{shown}: not UTF-8 text; re-save the template as UTF-8") from None
    except jinja2.UndefinedError as exc:
        where = _template_line(exc) or f"template {name}"
        raise InputError(f"{where}: {exc.message}; the field is missing from the data") from None
    except jinja2.exceptions.SecurityError as exc:
        where = _template_line(exc) or f"template {name}"
        raise InputError(f"{where}: refused by the sandbox: {exc}") from None
    except _TemplateTimeout:
        raise InputError(
            f"{shown}: still running after {RENDER_SECONDS:g} s; look for a loop that never ends"
        ) from None
    except (RecursionError, MemoryError) as exc:
        where = _template_line(exc) or f"template {name}"
        what = "calls itself without end" if isinstance(exc, RecursionError) else "needs too much memory"
        raise InputError(f"{where}: the template {what}") from None
    except Exception as exc:
        where = _template_line(exc)
        if user_dir is None or not where:
            raise  # not a user's template: a bug of ours
        raise InputError(f"{where}: template error: {exc.__class__.__name__}: {exc}") from None
