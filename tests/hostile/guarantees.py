"""What sec-redline promises about the files it writes and the version store (issue 27), each with the tests
that check it; docs/errors.md lists them from here (tests/hostile/test_errors_doc.py), so the page says
exactly what CI checks."""

from __future__ import annotations

# (the promise, the tests that check it: "module::test" under tests/hostile, or "cause N" for the hostile cases)
GUARANTEES: list[tuple[str, tuple[str, ...]]] = [
    (
        "Every output path is checked before anything is written: a device, a named pipe, a socket or a folder "
        "where a file is to go is refused (exit 5), and so is a link inside a release folder that leads out of it.",
        ("test_reliability::test_a_device_named_as_an_output_stays_a_device", "cause 21", "cause 26"),
    ),
    (
        "A command writes all its files or none. A folder that does not exist yet is built whole as a hidden "
        "`.NAME.<tx>.sec-redline-new` beside its place and moved in with one rename; files replacing others are "
        "written to hidden temporaries and moved in under a rollback journal (`.sec-redline.<tx>.journal`), each "
        "replaced file kept until the commit. A run that fails puts everything back.",
        ("test_kills::test_a_run_that_fails_undoes_its_own_renames", "cause 16"),
    ),
    (
        "A run killed at any moment leaves the old files or the new ones: the next run writing into any of those "
        "folders first finishes what it left (forward when it had committed, backward otherwise) and says so on "
        "stderr. A folder made new is there whole or not at all even before that. Until then, files replaced "
        "under a journal may be seen half old, half new, as an SQLite file may before its hot journal is rolled "
        "back.",
        (
            "test_kills::test_a_kill_at_every_step_leaves_the_old_state_or_the_new",
            "test_kills::test_the_next_run_settles_what_a_killed_run_left_and_says_so",
        ),
    ),
    (
        "A full disk is one line (exit 5); what was there stays as it was, and nothing is left behind.",
        (
            "test_full_disk::test_a_release_into_a_full_disk_writes_nothing",
            "test_full_disk::test_a_release_replacing_one_on_a_full_disk_leaves_the_old_one",
            "cause 10",
        ),
    ),
    (
        "Two runs writing into one folder take turns (each locks the folders it writes in, and waits up to 60 s "
        "for another); a release that finds its folder written meanwhile writes nothing (exit 5).",
        (
            "test_concurrency::test_two_releases_into_one_new_folder",
            "test_concurrency::test_two_redlines_into_one_folder_leave_one_whole",
        ),
    ),
    (
        "A file that is not a version store is never changed. A store carries the SQLite application id "
        "0x53454352 ('SECR'); one made before stores were marked is known by its tables and its meta row, read as "
        "it is, and marked when it is next written.",
        (
            "test_reliability::test_a_new_store_is_marked_and_one_made_before_the_mark_is_read_then_marked",
            "test_reliability::test_a_foreign_database_is_not_changed_by_a_release",
            "cause 18",
        ),
    ),
    (
        "A command that only reads the store opens it read-only, except to roll back what an interrupted writer "
        "left in a store of ours (its hot journal), which it says; another program's interrupted database is left "
        "alone. A locked store is waited for 10 s (the environment variable SEC_REDLINE_STORE_WAIT sets it) and "
        "then is one line: exit 3 when reading, 5 when writing.",
        ("cause 19",),
    ),
    (
        "A release's version is committed in the same transaction as its folder: the folder stands only if the "
        "store took the version, and the store holds the version only if the folder stands, whatever the moment "
        "of a kill or a full disk.",
        (
            "test_kills::test_a_kill_at_every_step_leaves_the_old_state_or_the_new",
            "test_full_disk::test_the_store_on_a_full_disk_keeps_what_it_held",
            "cause 17",
        ),
    ),
    (
        "A version the store holds is replaced only with --replace (exit 5 otherwise), and never one that other "
        "versions are built on; a chain of bases never goes round; a version is named by its number.",
        (
            "test_reliability::test_a_chain_of_bases_never_goes_round_and_a_version_others_are_built_on_stays",
            "cause 20",
        ),
    ),
    (
        "Two runs writing one store take turns (SQLite's lock); the same version recorded by both is taken once, "
        "and the other run writes nothing (exit 5).",
        (
            "test_concurrency::test_two_imports_into_one_store",
            "test_concurrency::test_two_releases_of_one_version_into_one_store",
        ),
    ),
]
