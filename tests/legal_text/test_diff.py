from hypothesis import given, settings
from hypothesis import strategies as st

from legal_text.diff import Run, diff_words, side_text, tokenize

G320B_OLD = (
    "(where applicable) any Smart Metering System (excluding a Communications Hub Function or "
    "Gas Proxy Function) for which it is the Responsible Supplier,"
)
G320B_NEW = (
    "(where applicable) any Smart Metering System (excluding a Communications Hub Function or "
    "Gas Proxy Function which forms part of a SMETS2+ Device) for which it is the Responsible Supplier,"
)


def test_mp087_is_one_insertion_at_a_word_boundary():
    runs = diff_words(G320B_OLD, G320B_NEW)
    changed = [r for r in runs if r.op != "equal"]
    assert changed == [Run("insert", " which forms part of a SMETS2+ Device")]
    assert runs[0].text.endswith("Gas Proxy Function")
    assert runs[-1].text.startswith(") for which")


def test_replacement_never_splits_a_word():
    runs = diff_words("the Responsible Supplier shall notify", "the Registered Supplier shall notify")
    assert [r for r in runs if r.op != "equal"] == [Run("delete", "Responsible"), Run("insert", "Registered")]


def test_a_changed_cross_reference_is_marked_whole():
    """Renumbering G3.18 as G3.18A changes the reference, not its last digits (issue 13)."""
    runs = diff_words("the requirements of Section G3.18.", "the requirements of Section G3.18A.")
    assert [r for r in runs if r.op != "equal"] == [Run("delete", "G3.18"), Run("insert", "G3.18A")]
    runs = diff_words("under G3.18(a) and G3.19", "under G3.18(b) and G3.19")
    assert [r for r in runs if r.op != "equal"] == [Run("delete", "G3.18(a)"), Run("insert", "G3.18(b)")]
    assert tokenize("G3.18. G3.1.2") == ["G3.18", ".", " ", "G3", ".", "1", ".", "2"]


def test_tokens_rebuild_text():
    text = "G3.18(a) the User's Device, (as the case may be); SMETS2+"
    assert "".join(tokenize(text)) == text


texts = st.lists(
    st.sampled_from(
        ["the", "User", "shall", ",", ";", "(a)", "Device", "SMETS2+", "Sub-Committee", "not", "any", "é", "£1,200"]
    ),
    max_size=25,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_diff_rebuilds_both_sides(old, new):
    runs = diff_words(old, new)
    assert side_text(runs, "old") == old
    assert side_text(runs, "new") == new


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_changes_fall_on_word_boundaries(old, new):
    runs = diff_words(old, new)
    pos_old = pos_new = 0
    old_bounds = {0, len(old)} | {i for i in range(1, len(old)) if not (old[i - 1].isalnum() and old[i].isalnum())}
    new_bounds = {0, len(new)} | {i for i in range(1, len(new)) if not (new[i - 1].isalnum() and new[i].isalnum())}
    for r in runs:
        if r.op in ("equal", "delete"):
            assert pos_old in old_bounds
            pos_old += len(r.text)
        if r.op in ("equal", "insert"):
            assert pos_new in new_bounds
            pos_new += len(r.text)
