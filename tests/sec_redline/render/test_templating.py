"""Jinja2 templates: the shipped ones, a user's folder searched first and sandboxed, HTML autoescaped."""

import pytest

from sec_redline.errors import InputError
from sec_redline.render.templating import render


def test_user_templates_are_sandboxed_and_escaped(tmp_path):
    (tmp_path / "evil.html.j2").write_text("{{ value }} {{ ''.__class__.__mro__ }}")
    with pytest.raises(InputError, match=r"sandbox|unsafe|refused"):
        render("evil.html.j2", tmp_path, value="<b>")
    (tmp_path / "ok.html.j2").write_text("{{ value }}")
    assert render("ok.html.j2", tmp_path, value="<b>") == "&lt;b&gt;"


def test_a_users_folder_is_searched_first(tmp_path):
    (tmp_path / "_checks.md.j2").write_text("mine: {{ warnings | length }}")
    assert render("_checks.md.j2", tmp_path, warnings=[1, 2]) == "mine: 2"


def test_a_missing_folder_or_template_is_one_line(tmp_path):
    with pytest.raises(InputError, match="no such template folder"):
        render("annex-a.html.j2", tmp_path / "nope")
    with pytest.raises(InputError, match=r"template nope\.j2 not found"):
        render("nope.j2", tmp_path)
