"""The web view's caches and background work: a value made once however many ask at once, the least recently
used dropped, a failure kept from no one; what each version changed worked out even when one cannot be."""

from __future__ import annotations

import threading
import time

import pytest

from sec_redline.serve.cache import Cache


def test_a_value_asked_for_at_once_by_many_threads_is_made_once():
    cache: Cache[int] = Cache(2)
    made: list[int] = []

    def make() -> int:
        made.append(1)
        time.sleep(0.2)
        return 42

    got: list[int] = []
    threads = [threading.Thread(target=lambda: got.append(cache.get("k", make))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [42] * 8 and made == [1]


def test_the_least_recently_used_value_is_dropped_and_a_failure_is_not_kept():
    cache: Cache[str] = Cache(2)
    cache.get("a", lambda: "A")
    cache.get("b", lambda: "B")
    cache.get("a", lambda: "again")  # a used: b is now the oldest
    cache.get("c", lambda: "C")
    assert cache.holds("a") and cache.holds("c") and not cache.holds("b") and len(cache) == 2

    def fail() -> str:
        raise ValueError("no")

    with pytest.raises(ValueError):
        cache.get("d", fail)
    assert not cache.holds("d") and cache.get("d", lambda: "D") == "D"


def test_a_version_whose_changes_cannot_be_worked_out_says_so_and_the_others_are_worked_out(store, monkeypatch):
    from sec_redline.serve import create_app

    app = create_app(store)
    lib = app.extensions["sec_redline.library"]
    real = lib.comparison

    def broken(old: str, new: str, name: str | None = None):  # type: ignore[no-untyped-def]
        if new == "6.18":
            raise RuntimeError("an illustrative bug")
        return real(old, new, name)

    monkeypatch.setattr(lib, "comparison", broken)
    client = app.test_client()
    before = client.get("/?format=json").get_json()["versions"]
    assert [v["changes"] for v in before] == ["being worked out", "being worked out", None]
    lib.summarise_all(threading.Event())
    after = {v["name"]: v["changes"] for v in client.get("/?format=json").get_json()["versions"]}
    assert after["6.18"] == "not worked out" and after["6.19"]["modifications"] == ["MP950"]
    assert "not worked out (" in client.get("/").get_data(as_text=True)


def test_once_the_versions_are_summarised_the_two_newest_are_held_read(store, monkeypatch):
    import sec_redline.serve.queries as queries
    from sec_redline.serve import create_app

    monkeypatch.setattr(queries, "VERSIONS_HELD", 2)  # summarising newest first leaves 6.17 and 6.18 read
    lib = create_app(store).extensions["sec_redline.library"]
    lib.summarise_all(threading.Event())
    held = {v.name for v in lib.versions() if lib.versions_read.holds((v.name, v))}
    assert held == {"6.19", "6.18"}
