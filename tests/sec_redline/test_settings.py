"""The settings file: sec-redline.toml (or pyproject.toml's [tool.sec-redline]) in the working folder gives the
defaults of --author, --classification, --templates and --store for every command that has them; the command
line and a change set's own values win; a key not known is an error at its line, with the nearest key."""

from __future__ import annotations

import zipfile

import click
import pytest

from sec_redline.cli import cli, option_defaults
from sec_redline.errors import EXIT_OK, EXIT_USAGE
from sec_redline.settings import Settings, SettingsError, load_settings
from tests.support import BASE, CHANGES, run_cli


def test_no_file_no_settings(tmp_path):
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_settings(tmp_path) == Settings()


def test_the_top_level_keys_of_sec_redline_toml(tmp_path):
    (tmp_path / "sec-redline.toml").write_text(
        '# the house\nauthor = "SECAS"\nclassification = "Amber"\ntemplates = "t"\nstore = "v.sqlite"\n',
        encoding="utf-8",
    )
    loaded = load_settings(tmp_path)
    assert loaded.values == {"author": "SECAS", "classification": "Amber", "templates": "t", "store": "v.sqlite"}
    assert loaded.source == str(tmp_path / "sec-redline.toml")


def test_a_pyproject_table_and_sec_redline_toml_before_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.sec-redline]\nclassification = "Green"\n', encoding="utf-8"
    )
    assert load_settings(tmp_path).values == {"classification": "Green"}
    (tmp_path / "sec-redline.toml").write_text('store = "v.sqlite"\n', encoding="utf-8")
    assert load_settings(tmp_path).values == {"store": "v.sqlite"}


@pytest.mark.parametrize(
    ("name", "text", "problems"),
    [
        (
            "sec-redline.toml",
            'author = "SECAS"\nclasification = "Amber"\n',
            [
                "{f}:2: unknown setting 'clasification'; did you mean 'classification'? "
                "(known: author, classification, templates, store)"
            ],
        ),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.sec-redline]\nstore = "v"\ntemplate = "t"\npdf = true\n',
            [
                "{f}:6: unknown setting 'template'; did you mean 'templates'? "
                "(known: author, classification, templates, store)",
                "{f}:7: unknown setting 'pdf' (known: author, classification, templates, store)",
            ],
        ),
        ("sec-redline.toml", "\nstore = 3\n", ["{f}:2: 'store' is a string, e.g. store = \"...\""]),
        ("sec-redline.toml", 'store = "a\n', ["{f}:1:11: not valid TOML: Illegal character '\\n'"]),
        ("pyproject.toml", '[tool]\n"sec-redline" = 3\n', ["{f}:1: [tool.sec-redline] must be a table of settings"]),
    ],
)
def test_what_is_not_a_setting_is_named_at_its_line(tmp_path, name, text, problems):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path)
    assert caught.value.problems == [p.format(f=tmp_path / name) for p in problems]
    assert caught.value.exit_code == EXIT_USAGE


def _all_options(command: click.Command, flag: str, path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    if isinstance(command, click.Group):
        return {found for n, c in command.commands.items() for found in _all_options(c, flag, (*path, n))}
    return {path} if any(flag in p.opts for p in command.params) else set()


def _lookup(defaults: dict[str, object], path: tuple[str, ...]) -> object:
    for name in path:
        defaults = defaults[name]  # type: ignore[assignment]
    return defaults


def test_each_setting_is_the_default_of_its_option_on_every_command_that_has_it():
    values = {"author": "A", "classification": "Amber", "templates": "t", "store": "v.sqlite"}
    defaults = option_defaults(cli, values)
    params = {
        "author": "author",
        "classification": "classification",
        "templates": "template_dir",
        "store": "store_path",
    }
    for key, param in params.items():
        having = _all_options(cli, f"--{key}")
        assert having, key
        for path in having:
            assert _lookup(defaults, path)[param] == values[key]  # type: ignore[index]
    assert _all_options(cli, "--store") >= {("store", "add"), ("store", "list"), ("history",), ("diff",), ("release",)}
    assert "parse" not in defaults and "verify" not in defaults  # a command with none of the options: none


def test_the_settings_are_used_and_the_command_line_and_the_change_set_win(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sec-redline.toml").write_text(
        'classification = "Amber"\nauthor = "Illustrative Author"\nstore = "versions.sqlite"\n', encoding="utf-8"
    )
    r = run_cli("redline", BASE, CHANGES, "-o", "annex", "--no-pdf")
    assert r.returncode == EXIT_OK, r.stderr
    html = (tmp_path / "annex" / "annex-a.html").read_text(encoding="utf-8")
    assert "classified as Amber" in html
    with zipfile.ZipFile(tmp_path / "annex" / "annex-a.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert 'w:author="SECAS"' in body and "Illustrative Author" not in body  # the change set's own author
    r = run_cli("redline", BASE, CHANGES, "-o", "red", "--no-pdf", "--classification", "Red")
    assert "classified as Red" in (tmp_path / "red" / "annex-a.html").read_text(encoding="utf-8")
    r = run_cli("diff", BASE, tmp_path / "annex" / "annex-a.docx", "-o", "c.docx")
    with zipfile.ZipFile(tmp_path / "c.docx") as z:
        assert 'w:author="Illustrative Author"' in z.read("word/document.xml").decode("utf-8")
    assert "Amber" in run_cli("diff", "--help").stdout
    r = run_cli("store", "add", "6.17", BASE)
    assert r.returncode == EXIT_OK and (tmp_path / "versions.sqlite").exists(), r.stderr
    assert run_cli("store", "list").stdout == "6.17\n"
    assert run_cli("history", "G3.20(b)").returncode == EXIT_OK


def test_a_bad_settings_file_stops_every_command_with_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sec-redline.toml").write_text('\nclassificaton = "Amber"\n', encoding="utf-8")
    for args in (("parse", BASE), ("store", "list"), ("redline", BASE, CHANGES, "-o", "x")):
        r = run_cli(*args)
        assert r.returncode == EXIT_USAGE
        assert r.stderr.startswith("sec-redline: error: sec-redline.toml:2: unknown setting 'classificaton'; did you ")
    assert not (tmp_path / "x").exists()
