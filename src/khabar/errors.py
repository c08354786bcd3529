"""Every error khabar raises on purpose, in one place.

``KhabarError`` is the root: the command line turns any of them into a one-line message and
exit status 2 (usage) or 1 (some inputs failed). Messages say what to do about it.

- ``ConfigError``: a setting or settings file is wrong (unknown key, bad value).
- ``InputError``: one input cannot be read or decoded; the run records it and goes on.
- ``StoreError``: the database cannot be opened or migrated (wrong path, newer schema).
- ``PipelineError``: stages were put together so that one lacks what it needs.
- ``NotFound``: a command asked for an event, entity or document that is not stored.
- ``khabar.read.DecodeError`` (an ``InputError``-like ``KhabarError``): bytes that are binary,
  empty or in no encoding we can read; the file is skipped and reported.
- ``khabar.read.FetchError``: a URL that cannot be fetched (scheme, timeout, size cap, status).
"""

from __future__ import annotations


class KhabarError(Exception):
    """Root of the errors khabar raises on purpose."""


class ConfigError(KhabarError, ValueError):
    """A setting is unknown or has a bad value."""


class InputError(KhabarError):
    """One input could not be read; carries the origin so the message names the file."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class StoreError(KhabarError):
    """The database cannot be used as asked."""


class PipelineError(KhabarError):
    """A stage is missing something another stage should have provided."""


class NotFound(KhabarError, LookupError):
    """Nothing stored under that name or id."""
