"""The JSON renderer: the amendment itself, as the diff core serialises it."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import BinaryIO, ClassVar

from amendtrack.rendering import API_VERSION, RenderJob, View, check_view
from amendtrack.translation import N_


class JsonRenderer:
    """The amendment as JSON (`amendtrack.diffing.amendment_json`), for programs and for `apply`.

    The same bytes for the diff and the act view: an act is the amendment plus the metadata
    both versions already carry.
    """

    name: ClassVar[str] = "json"
    description: ClassVar[str] = N_("the amendment as JSON (readable back by amendtrack)")
    media_type: ClassVar[str] = "application/json"
    extensions: ClassVar[tuple[str, ...]] = ("json",)
    options: ClassVar[Mapping[str, str]] = MappingProxyType({})
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT)
    api_version: ClassVar[int] = API_VERSION
    deletions_always: ClassVar[bool] = True
    """Optional attribute: the amendment carries what was deleted whatever --deletions says."""

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the amendment's JSON."""
        check_view(self, job)
        from amendtrack.diffing import amendment_json

        amendment_json.dump(job.amendment, stream)
