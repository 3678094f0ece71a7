"""Rendering: the renderer plugin API, and the one module a plugin imports.

A renderer turns a `RenderJob` (an amendment, the two versions and the user's choices) into
bytes (`amendtrack.rendering.api`). It draws the blocks `view_items` gives
(`amendtrack.rendering.blocks`), each made of `Run` s that say whether a piece of text was
added, deleted, altered or kept (`amendtrack.rendering.runs`); `change_summary` gives the French
summary every renderer and ``store log`` share (`amendtrack.diffing.summary`); `compose_act`
gives the amending act (« rajout en gras ») as a neutral structure (`amendtrack.rendering.act`),
`compose_document` one version as the deliberation itself (`amendtrack.rendering.document`).
Renderers are found through entry points by `amendtrack.rendering.registry`, which plugins do
not need.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, assert_never

from amendtrack.rendering.api import (
    API_VERSION,
    ENTRY_POINT_GROUP,
    ActSettings,
    Deletions,
    DeletionStyle,
    Renderer,
    RenderJob,
    View,
    check_view,
)

if TYPE_CHECKING:
    from amendtrack.diffing.summary import (
        Summary,
        change_summary,
        elision_text,
        metadata_text,
        summarise,
        summary_text,
    )
    from amendtrack.rendering.act import Act
    from amendtrack.rendering.blocks import (
        CONTEXT_BLOCKS,
        Elision,
        RenderBlock,
        ViewItem,
        all_blocks,
        move_label,
        render_block,
        view_items,
    )
    from amendtrack.rendering.runs import (
        Change,
        Run,
        change_groups,
        inline_runs,
        merge_runs,
        runs_of,
        segments,
        split_lines,
    )

_IMPORTED_ON_USE = {
    **dict.fromkeys(("Summary", "change_summary", "elision_text", "metadata_text", "summarise",
                     "summary_text"), "amendtrack.diffing.summary"),
    **dict.fromkeys(("CONTEXT_BLOCKS", "Elision", "RenderBlock", "ViewItem", "all_blocks",
                     "move_label", "render_block", "view_items"), "amendtrack.rendering.blocks"),
    **dict.fromkeys(("Change", "Run", "change_groups", "inline_runs", "merge_runs", "runs_of",
                     "segments", "split_lines"), "amendtrack.rendering.runs"),
}
"""The names whose module is imported when one of them is first asked for: a renderer that
only writes the amendment (JSON) needs none of them, and a run imports what it uses."""


def __getattr__(name: str) -> object:
    module = _IMPORTED_ON_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # asked for once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_IMPORTED_ON_USE})


def compose_act(job: RenderJob) -> Act:
    """The amending act of `job` (« rajout en gras »), for the ACT view
    (`amendtrack.rendering.act`, imported only when an act is composed)."""
    from amendtrack.rendering.act import compose

    return compose(job)


def compose_document(job: RenderJob) -> Act:
    """The version of `job` as the deliberation itself (title block, body), for the DOCUMENT
    view (`amendtrack.rendering.document`)."""
    from amendtrack.rendering.document import compose_document as compose

    return compose(job)


def drawn_items(job: RenderJob) -> tuple[list[ViewItem], str]:
    """What a renderer draws for `job`, in reading order, whatever its view, and the title of
    the document: the act's blocks (`View.ACT`), the deliberation's (`View.DOCUMENT`), or the
    diff's blocks and elisions (`View.DIFF`, titled « OBJET — modifications »)."""
    match job.view:
        case View.ACT:
            act = compose_act(job)
            return [part.block for part in act.blocks], act.title
        case View.DOCUMENT:
            document = compose_document(job)
            return [part.block for part in document.blocks], document.title
        case View.DIFF:
            from amendtrack.rendering.blocks import view_items

            return list(view_items(job)), f"{job.new.metadata.objet} — modifications"
        case _ as unreachable:
            assert_never(unreachable)


def document_keywords(job: RenderJob) -> str:
    """amendtrack's version and the versions' hashes, for an office document's properties."""
    from amendtrack.rendering.document import document_keywords as keywords

    return keywords(job)


__all__ = [
    "API_VERSION",
    "CONTEXT_BLOCKS",
    "ENTRY_POINT_GROUP",
    "ActSettings",
    "Change",
    "DeletionStyle",
    "Deletions",
    "Elision",
    "RenderBlock",
    "RenderJob",
    "Renderer",
    "Run",
    "Summary",
    "View",
    "ViewItem",
    "all_blocks",
    "change_groups",
    "change_summary",
    "check_view",
    "compose_act",
    "compose_document",
    "document_keywords",
    "drawn_items",
    "elision_text",
    "inline_runs",
    "merge_runs",
    "metadata_text",
    "move_label",
    "render_block",
    "runs_of",
    "segments",
    "split_lines",
    "summarise",
    "summary_text",
    "view_items",
]
