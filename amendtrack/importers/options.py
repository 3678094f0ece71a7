"""The user's choices every reader honours: the text encoding, what to do with tracked changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from amendtrack.errors import UsageError


class TrackedChanges(StrEnum):
    """What to do with the tracked changes of a source (ODT, DOCX, HTML ``<ins>``/``<del>``)."""

    REFUSE = "refuse"
    """Refuse the source: its text is not settled (the default)."""
    ACCEPT = "accept"
    REJECT = "reject"

    @classmethod
    def parse(cls, value: str) -> TrackedChanges:
        """The choice ``--tracked-changes`` spells; UsageError naming the choices otherwise."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            choices = ", ".join(choice.value for choice in cls)
            raise UsageError(f"--tracked-changes takes {choices}, not {value!r}") from None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """The user's choices a reader needs."""

    encoding: str = "utf-8"
    """The encoding of a text or Markdown source."""
    tracked_changes: TrackedChanges = TrackedChanges.REFUSE
    edits_as_marks: bool = False
    """Read HTML ``<ins>``/``<del>`` as marks, an insertion bold and a deletion struck through:
    what a « rajout en gras » act means by them (``--bold-as-additions`` sets it when no
    ``--tracked-changes`` choice is made)."""
    meta_prefix: str = ""
    """How messages spell the ``--meta`` keys for this source: ``old.`` when it is OLD of a
    comparison (``amend OLD.docx NEW.docx --meta old.seance=…``)."""
    defaults: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Facts for a source that does not state them and whose ``--meta`` does not give them (the
    configuration's ``collectivite``); the import says which it took (`with_defaults`)."""
    defaults_origin: str = ""
    """Where `defaults` come from, for that warning (the configuration file)."""
