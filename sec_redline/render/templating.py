"""Jinja2 templates: the package's own, with a user's folder searched first (sandboxed)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import InputError
from ..house_style import classification_sentence


def package_templates() -> Path:
    """The shipped templates: inside the wheel, or ``templates/`` in a source checkout."""
    package = Path(__file__).resolve().parent.parent  # sec_redline/
    for candidate in (package / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError("sec-redline is installed without its templates folder")


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
        cls = ImmutableSandboxedEnvironment
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
    return env


def render(name: str, user_dir: str | Path | None = None, **context) -> str:
    """Render template ``name``; a template error in a user's template is one clear line."""
    env = environment(user_dir)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        raise InputError(f"template {name} not found (looked in {user_dir or ''} and the package templates)") from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise InputError(f"template {name}: {exc.message}; the field is missing from the data") from None
    except jinja2.exceptions.SecurityError as exc:
        raise InputError(f"template {name}: refused by the sandbox: {exc}") from None
