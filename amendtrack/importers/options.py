"""The user's choices every reader honours: the text encoding, what to do with tracked changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from amendtrack.errors import UsageError
from amendtrack.translation import _, ngettext


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
            raise UsageError(_("--tracked-changes takes {choices}, not {value!r}").format(
                choices=choices, value=value)) from None

    @staticmethod
    def refused(count: int) -> str:
        """The problem of a document with `count` tracked changes and no choice made."""
        return ngettext("has {count} tracked change; choose --tracked-changes accept (the text "
                        "with the change) or reject (the text without it)",
                        "has {count} tracked changes; choose --tracked-changes accept (the "
                        "text with the changes) or reject (the text without them)",
                        count).format(count=count)

    @staticmethod
    def edits_refused(count: int) -> str:
        """The problem of a web page with `count` marked edits and no choice made."""
        return ngettext("has {count} marked edit (<ins>/<del>); choose --tracked-changes "
                        "accept (the text with the edit) or reject (the text without it)",
                        "has {count} marked edits (<ins>/<del>); choose --tracked-changes "
                        "accept (the text with the edits) or reject (the text without them)",
                        count).format(count=count)

    @staticmethod
    def edits_as_marks(count: int) -> str:
        """The warning saying that `count` marked edits were read as bold and struck text."""
        return ngettext("read {count} marked edit (<ins>/<del>) as an addition (bold) or a "
                        "deletion (struck through)",
                        "read {count} marked edits (<ins>/<del>) as additions (bold) and "
                        "deletions (struck through)", count).format(count=count)

    def taken(self, count: int) -> str:
        """The warning saying that `count` tracked changes were accepted or rejected."""
        if self is TrackedChanges.REJECT:
            return ngettext("rejected {count} tracked change", "rejected {count} tracked changes",
                            count).format(count=count)
        return ngettext("accepted {count} tracked change", "accepted {count} tracked changes",
                        count).format(count=count)

    def edits_taken(self, count: int) -> str:
        """The warning saying that `count` marked edits of a web page were accepted or rejected."""
        if self is TrackedChanges.REJECT:
            return ngettext("rejected {count} marked edit (<ins>/<del>)",
                            "rejected {count} marked edits (<ins>/<del>)",
                            count).format(count=count)
        return ngettext("accepted {count} marked edit (<ins>/<del>)",
                        "accepted {count} marked edits (<ins>/<del>)", count).format(count=count)


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
