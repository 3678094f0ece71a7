"""amendtrack: track amendments to the deliberations of French local councils.

The public API (see docs/api.md): read and write versions (`load`, `save`), compute the
amendment between two versions and apply or invert it exactly (`diff`, `apply`, `invert`),
write and read its JSON form (`amendment_to_json`, `amendment_from_json`), render it through
any installed renderer plugin (`render`), and the model they work on. Every problem is an
`AmendtrackError` naming the file concerned.

The functions import the machinery they need when called, and the model's classes are imported
on first use, so that ``import amendtrack`` stays cheap for the command line (``amendtrack
--version`` builds no dataclass).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amendtrack.errors import AmendtrackError

if TYPE_CHECKING:
    from amendtrack.model import (
        Amendment,
        Block,
        BlockKind,
        BlockOp,
        BlockOpKind,
        InlineOp,
        InlineOpKind,
        Mark,
        Metadata,
        MetadataChange,
        ModifyingAct,
        Span,
        Version,
        VersionInfo,
        Vote,
    )

_MODEL_NAMES = frozenset({
    "Amendment", "Block", "BlockKind", "BlockOp", "BlockOpKind", "InlineOp", "InlineOpKind",
    "Mark", "Metadata", "MetadataChange", "ModifyingAct", "Span", "Version", "VersionInfo",
    "Vote",
})


def load(path: str | Path, *, meta: Mapping[str, str] | None = None,
         tracked_changes: str = "refuse") -> Version:
    """Read and validate a version XML file, or import a document (``.docx``, ``.odt``,
    ``.html``, ``.md``, ``.txt``) as ``amendtrack import`` does, `meta` being its ``--meta``
    facts (a fact it needs and does not state is a `SourceError` naming the key to give) and
    `tracked_changes` its ``--tracked-changes`` choice (``refuse``, ``accept``, ``reject``)."""
    from amendtrack.store.revisions import is_document

    if is_document(str(path)):
        from amendtrack.importers.importing import import_source
        from amendtrack.importers.options import ReadOptions, TrackedChanges

        options = ReadOptions(tracked_changes=TrackedChanges.parse(tracked_changes))
        return import_source(Path(path), source_format=None, meta=dict(meta or {}),
                             options=options).version
    from amendtrack.version_xml import load as load_file

    return load_file(path)


def save(version: Version, path: str | Path) -> None:
    """Write a version XML file atomically, checked against the schema first."""
    from amendtrack.version_xml import save as save_file

    save_file(version, path)


def diff(old: Version, new: Version) -> Amendment:
    """The amendment from `old` to `new`: exact, so ``apply(diff(old, new), old) == new``."""
    from amendtrack.diffing.amendments import diff as compute

    return compute(old, new)


def apply(amendment: Amendment, old: Version) -> Version:
    """The version `amendment` makes of `old`; refuses an amendment made for another base."""
    from amendtrack.diffing.amendments import apply as apply_amendment

    return apply_amendment(amendment, old)


def invert(amendment: Amendment) -> Amendment:
    """The amendment that goes back from the new version to the old one."""
    from amendtrack.diffing.amendments import invert as invert_amendment

    return invert_amendment(amendment)


def amendment_to_json(amendment: Amendment) -> bytes:
    """The JSON form of an amendment (docs/amendment-format.md)."""
    from amendtrack.diffing.amendment_json import dumps

    return dumps(amendment)


def amendment_from_json(data: bytes, name: str = "<amendment>") -> Amendment:
    """An amendment read from its JSON form; `name` is used in error messages."""
    from amendtrack.diffing.amendment_json import loads

    return loads(data, name)


def render(amendment: Amendment, old: Version, new: Version, to: str = "html", *,
           act: bool = False, options: Mapping[str, str] | None = None, **choices: Any) -> bytes:
    """The output of the renderer plugin `to` for the amendment from `old` to `new`.

    `act` renders the amending act instead of the changes; `options` are the renderer's
    ``-O`` options; other keywords are `amendtrack.rendering.RenderJob` fields (``full``,
    ``deletions`` …).
    """
    from amendtrack.rendering import RenderJob, View
    from amendtrack.rendering.output import render_bytes
    from amendtrack.rendering.registry import Registry, check_options

    registry = Registry()
    renderer_class = registry.renderer_class(to)
    chosen = dict(options or {})
    check_options(renderer_class, chosen)
    job = RenderJob(amendment=amendment, old=old, new=new,
                    view=View.ACT if act else View.DIFF, options=chosen, **choices)
    return render_bytes(registry.renderer(to), registry.info(to), job)


def render_document(version: Version, to: str = "docx", *,
                    options: Mapping[str, str] | None = None) -> bytes:
    """`version` as the deliberation itself (title block, body, vote, signatures), written by
    the renderer `to` (``docx``, ``odt``, ``html``, ``pdf``, ``markdown``): the file imports
    back to the same version (``amendtrack show VERSION --to docx``)."""
    from amendtrack.rendering import View
    from amendtrack.rendering.document import document_job
    from amendtrack.rendering.output import render_bytes
    from amendtrack.rendering.registry import Registry, check_options

    registry = Registry()
    renderer_class = registry.renderer_class(to)
    chosen = dict(options or {})
    check_options(renderer_class, chosen)
    if View.DOCUMENT not in renderer_class.views:
        from amendtrack.errors import UsageError
        from amendtrack.translation import _

        raise UsageError(_("renderer {name} does not write documents").format(name=to))
    return render_bytes(registry.renderer(to), registry.info(to), document_job(version, chosen))


def __getattr__(name: str) -> Any:
    # The model and the version are looked up lazily so that importing amendtrack stays cheap.
    if name in _MODEL_NAMES:
        from amendtrack import model

        value = getattr(model, name)
        globals()[name] = value
        return value
    if name == "__version__":
        from amendtrack._version import __version__

        return __version__
    raise AttributeError(f"module 'amendtrack' has no attribute {name!r}")


__all__ = [
    "Amendment",
    "AmendtrackError",
    "Block",
    "BlockKind",
    "BlockOp",
    "BlockOpKind",
    "InlineOp",
    "InlineOpKind",
    "Mark",
    "Metadata",
    "MetadataChange",
    "ModifyingAct",
    "Span",
    "Version",
    "VersionInfo",
    "Vote",
    "__version__",
    "amendment_from_json",
    "amendment_to_json",
    "apply",
    "diff",
    "invert",
    "load",
    "render",
    "render_document",
    "save",
]
