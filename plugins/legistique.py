"""The légistique renderer: the amendment as French amending instructions (plain text).

« Au premier tiret du neuvième alinéa, après les mots : « de financement », sont insérés les
mots : « … ». » The wording is read back and applied to OLD before it is written, so what this
renderer writes always gives NEW exactly (`amendtrack.legistique.writer.legistique_text`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import BinaryIO, ClassVar

from amendtrack.rendering import API_VERSION, RenderJob, View, check_view
from amendtrack.translation import N_


class LegistiqueRenderer:
    """The « dispositif modificatif » of an amendment, in the formulas of the Guide de
    légistique, as UTF-8 text (one instruction per paragraph)."""

    name: ClassVar[str] = "legistique"
    description: ClassVar[str] = N_("French amending instructions (« … sont insérés les mots … »)")
    media_type: ClassVar[str] = "text/plain; charset=utf-8"
    extensions: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[Mapping[str, str]] = MappingProxyType({})
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT)
    api_version: ClassVar[int] = API_VERSION
    deletions_always: ClassVar[bool] = True
    """Instructions quote the words they delete, whatever --deletions says."""

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the instructions that turn OLD into NEW."""
        check_view(self, job)
        from amendtrack.legistique.writer import legistique_text

        stream.write(legistique_text(job.amendment, job.old).encode("utf-8"))
