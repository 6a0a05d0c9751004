"""SEC releases: a manifest of approved changes folded into a base version, and what a release publishes.

``load_manifest`` reads and checks the manifest (``manifest``); ``build_release`` applies its change sets in
order to the base (two that conflict stop it, naming both and the clause), each change recorded with the
modification that made it, and reads the release redline off that record (``build``); ``make_release`` gives every
output of the release folder as bytes by its path, so that writing them is all or nothing and the same
inputs give the same bytes wherever they are written (``folder``).  ``pending`` warns a draft of what
approved but unreleased modifications change too.
"""

from .build import ModificationSummary, Release, build_release, notes_context, release_annex, slug
from .folder import (
    CONSOLIDATED,
    LOCK_NAME,
    RELEASE_STEPS,
    consolidated_outputs,
    lock_text,
    make_release,
    sha256,
)
from .manifest import Manifest, ManifestError, load_manifest
from .pending import pending_messages, pending_warnings

__all__ = [
    "CONSOLIDATED",
    "LOCK_NAME",
    "RELEASE_STEPS",
    "Manifest",
    "ManifestError",
    "ModificationSummary",
    "Release",
    "build_release",
    "consolidated_outputs",
    "load_manifest",
    "lock_text",
    "make_release",
    "notes_context",
    "pending_messages",
    "pending_warnings",
    "release_annex",
    "sha256",
    "slug",
]
