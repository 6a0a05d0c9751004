"""What the web view shows of what each release recorded in the store: a provision's history says how it
changed (amended, inserted, deleted, renumbered or moved, and from or to where) and by which modification of
which kind, on the page and in its JSON; the versions' list knows what each changed at once, with no
comparison; a store written before these were recorded is served as before; a document's page reads that
document alone, and is the same page as from the whole version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.sec_redline.test_store import FIRST, MP960, VAR001, release_into


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory):
    """A test client over a store of the illustrative release that removes G3.19, renumbers G3.18 as G3.18A
    and moves G3.21 as G3.17A (MP960), and amends G3.20(b) by a variation (VAR001)."""
    from sec_redline.serve import create_app

    folder = tmp_path_factory.mktemp("serve-moved")
    store = folder / "store.sqlite"
    release_into(folder, store, "r618", FIRST, {"MP960.yaml": MP960, "VAR001.yaml": VAR001})
    return create_app(store).test_client()


def headings(page: str) -> list[str]:
    """Each history entry's heading as a reader sees it, newest first."""
    return [" ".join(re.sub(r"<[^>]+>", "", h).split()) for h in re.findall(r"<h2>(.*?)</h2>", page, re.S)]


def newest(client, ref: str) -> dict:  # type: ignore[no-untyped-def]
    r = client.get(f"/history/{ref}?format=json")
    assert r.status_code == 200, r.get_data(as_text=True)
    change: dict = r.get_json()["changes"][-1]
    return change


@pytest.mark.parametrize(
    ("ref", "heading", "json"),
    [
        ("G3.19", "deleted in SEC 6.18 (go-live 7 November 2019) by MP960",
         {"kind": "deleted", "modification": "MP960", "modification_kind": "modification", "from": None, "to": None}),
        ("G3.18", "renumbered as G3.18A in SEC 6.18 (go-live 7 November 2019) by MP960",
         {"kind": "renumbered", "modification": "MP960", "modification_kind": "modification", "from": None,
          "to": "G3.18A"}),
        ("G3.18A(a)", "renumbered from G3.18(a) in SEC 6.18 (go-live 7 November 2019) by MP960",
         {"kind": "renumbered", "modification": "MP960", "modification_kind": "modification", "from": "G3.18(a)",
          "to": None}),
        ("G3.21", "moved to G3.17A in SEC 6.18 (go-live 7 November 2019) by MP960",
         {"kind": "moved", "modification": "MP960", "modification_kind": "modification", "from": None,
          "to": "G3.17A"}),
        ("G3.17A", "moved from G3.21 in SEC 6.18 (go-live 7 November 2019) by MP960",
         {"kind": "moved", "modification": "MP960", "modification_kind": "modification", "from": "G3.21",
          "to": None}),
        ("G3.20(b)", "amended in SEC 6.18 (go-live 7 November 2019) by VAR001 (variation)",
         {"kind": "amended", "modification": "VAR001", "modification_kind": "variation", "from": None, "to": None}),
    ],
)  # fmt: skip
def test_a_history_says_how_and_by_which_modification_of_which_kind(moved, ref, heading, json):
    page = moved.get(f"/history/{ref}").get_data(as_text=True)
    assert headings(page)[0] == heading
    change = newest(moved, ref)
    assert {k: change[k] for k in json} == json and change["version"] == "6.18"
    for other in (json["from"], json["to"]):  # the reference it came from or went to leads to its history
        if other:
            assert f'<a href="/history/{other}">{other}</a>' in page
            assert moved.get(f"/history/{other}").status_code == 200


def test_the_words_of_a_provision_deleted_or_moved_away_are_struck_through(moved):
    for ref in ("G3.19", "G3.21"):
        change = newest(moved, ref)
        assert change["text"] == "" and [run["op"] for run in change["marked"]] == ["delete"]
        assert change["marked"][0]["text"].startswith(f"{ref} ")


def test_a_deletion_names_its_modification_and_a_direction_is_named_as_one(client):
    gone = newest(client, "G3.21")
    assert (gone["version"], gone["kind"], gone["modification"], gone["modification_kind"]) == (
        "6.19", "deleted", "MP950", "modification",
    )  # fmt: skip
    page = client.get("/history/AD%202.2").get_data(as_text=True)
    assert headings(page)[0] == "amended in SEC 6.18 (go-live 7 November 2019) by DIR001 (direction)"


def test_the_versions_list_knows_what_each_changed_at_once_without_comparing(store, monkeypatch):
    from sec_redline.serve import create_app

    app = create_app(store)
    lib = app.extensions["sec_redline.library"]

    def no_comparison(*args: object) -> None:
        raise AssertionError("compared two versions to say what one changed")

    monkeypatch.setattr(lib, "comparison", no_comparison)
    data = app.test_client().get("/?format=json").get_json()  # no background work has run
    changes = {v["name"]: v["changes"] for v in data["versions"]}
    assert changes["6.18"]["counts"] == {"amended": 5, "inserted": 1, "deleted": 0, "renumbered": 0, "moved": 0}
    assert changes["6.18"]["modifications"] == ["MP901A", "DIR001", "SECMP0046", "MP087"]
    assert changes["6.19"]["counts"]["deleted"] == 1 and changes["6.19"]["modifications"] == ["MP950"]
    assert changes["6.17"] is None
    page = app.test_client().get("/versions/6.19/").get_data(as_text=True)
    assert "1 amended, 1 deleted by MP950" in " ".join(re.sub(r"<[^>]+>", "", page).split())


def test_an_earlier_store_is_served_as_before(older_store):
    from sec_redline.serve import create_app

    client = create_app(older_store).test_client()
    gone = newest(client, "G3.21")
    assert (gone["kind"], gone["modification_kind"], gone["from"], gone["to"]) == ("deleted", None, None, None)
    page = client.get("/history/AD%202.2").get_data(as_text=True)
    assert headings(page)[0] == "amended in SEC 6.18 (go-live 7 November 2019) by DIR001"
    listed = client.get("/?format=json").get_json()["versions"]
    assert [v["changes"] for v in listed] == ["being worked out", "being worked out", None]


def test_a_document_page_reads_that_document_alone_and_is_the_page_the_whole_version_makes(store: Path):
    from sec_redline.serve import create_app

    alone = create_app(store)
    page = alone.test_client().get("/versions/6.18/appendix-AD").get_data()
    lib = alone.extensions["sec_redline.library"]
    assert not lib.version("6.18").whole  # no other document was read
    whole = create_app(store)
    assert len(whole.extensions["sec_redline.library"].version("6.18").documents) == 3
    assert whole.test_client().get("/versions/6.18/appendix-AD").get_data() == page
    r = alone.test_client().get("/versions/6.18/appendix-ZZ")
    assert (
        r.status_code == 404
        and "SEC 6.18 has no document appendix-ZZ (it has: section-A, section-G, appendix-AD)"
        in r.get_data(as_text=True)
    )
