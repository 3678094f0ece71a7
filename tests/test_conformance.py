"""The conformance suite: every discovered renderer, on the Aulnoy samples and the corpus cases.

For each renderer the registry finds (built-in or third-party), and each view it declares:
the output is non-empty; the same job gives the same bytes (a zip's entries carry fixed
dates); with ``--deletions hide`` no deleted text appears, and ``show`` differs from ``hide``
when something was deleted; a document (the DOCUMENT view) carries no deleted text; a view it
does not declare is refused with a UsageError. A renderer that runs an external program for each
job declares ``slow = True`` and is checked on fewer corpus cases (`SLOW_CASES`).

Plugin authors run it against their renderer from an amendtrack checkout, with their plugin
installed in the same environment (see docs/plugins.md):

    AMENDTRACK_RENDERER=latex pytest tests/test_conformance.py

``AMENDTRACK_RENDERER`` takes one name or several separated by commas; without it every
discovered renderer is checked.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import zipfile
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.errors import UsageError
from amendtrack.importers.text import version_from_text
from amendtrack.model import BlockOpKind, InlineOpKind, Metadata, VersionInfo, inline_text
from amendtrack.rendering import Deletions, RenderJob, View
from amendtrack.rendering.registry import Registry

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "aulnoy-ctg-caf"
CASES = ROOT / "tests" / "data" / "legi" / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
# A renderer whose output must carry deleted text whatever --deletions says (an amendment
# format, amending instructions) declares `deletions_always = True`.


@cache
def _registry() -> Registry:
    return Registry()


def _renderer_names() -> list[str]:
    names = _registry().names()
    chosen = os.environ.get("AMENDTRACK_RENDERER", "").strip()
    if not chosen:
        return list(names)
    wanted = [name.strip() for name in chosen.split(",") if name.strip()]
    missing = [name for name in wanted if name not in names]
    if missing:
        raise pytest.UsageError(f"AMENDTRACK_RENDERER names unknown renderers {missing}; "
                                f"installed: {', '.join(names)}")
    return wanted


RENDERERS = _renderer_names()


@cache
def _aulnoy() -> RenderJob:
    old = version_xml.load(SAMPLES / "2022-02-02.xml")
    new = version_xml.load(SAMPLES / "2022-12-07.xml")
    return RenderJob(diff(old, new), old, new)


@cache
def _case(name: str) -> RenderJob:
    folder = CASES / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    fields = Metadata(collectivite="Ville de Test", seance="2021-01-01", objet=f"Cas {meta['id']}")
    old = version_from_text((folder / "base.txt").read_text(encoding="utf-8"), fields,
                            VersionInfo("cas", "2020-01-01"))
    new = version_from_text((folder / "amended.txt").read_text(encoding="utf-8"), fields,
                            VersionInfo("cas", "2021-01-01"))
    return RenderJob(diff(old, new), old, new)


def _render(name: str, job: RenderJob) -> bytes:
    buffer = io.BytesIO()
    _registry().renderer(name).render(job, buffer)
    return buffer.getvalue()


def _text(data: bytes) -> str:
    """The readable text of an output, whitespace removed (markup, escapes and zips undone)."""
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            text = " ".join(package.read(n).decode("utf-8", "replace")
                            for n in package.namelist() if n.endswith(".xml"))
    else:
        text = data.decode("utf-8", "replace")
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return re.sub(r"[\s\\{}]", "", text)


def _deleted_texts(job: RenderJob) -> list[str]:
    """Deleted passages that NEW's text does not contain elsewhere."""
    new_text = re.sub(r"\s", "", job.new.text())
    deleted: list[str] = []
    for op in job.amendment.blocks:
        if op.kind is BlockOpKind.DELETE and op.old is not None:
            deleted.append(op.old.text)
        deleted.extend(inline_text(i.old) for i in op.inline if i.kind is InlineOpKind.DELETE)
    squeezed = (re.sub(r"\s", "", text) for text in deleted)
    return [text for text in squeezed if len(text) >= 4 and text not in new_text]


SLOW_CASES = 2
"""Corpus cases a renderer declaring ``slow = True`` (it runs an external program for each
job, as the PDF renderer runs LibreOffice) is checked on, besides the Aulnoy sample."""


def _jobs(name: str) -> list[tuple[str, RenderJob]]:
    cls = _registry().renderer_class(name)
    cases = CASE_NAMES[:SLOW_CASES] if getattr(cls, "slow", False) else CASE_NAMES
    jobs = [("aulnoy", _aulnoy())] + [(f"case {case}", _case(case)) for case in cases]
    return [(f"{label} {view.value}", replace(job, view=view, full=True))
            for label, job in jobs for view in cls.views]


@pytest.mark.parametrize("name", RENDERERS)
def test_declares_the_protocol(name: str) -> None:
    cls = _registry().renderer_class(name)  # loads and validates: a PluginError fails here
    assert cls.views and cls.description.strip()


@pytest.mark.parametrize("name", RENDERERS)
def test_output_is_non_empty_and_deterministic(name: str) -> None:
    for label, job in _jobs(name):
        first = _render(name, job)
        assert first.strip(), f"{name}: empty output for {label}"
        assert _render(name, replace(job)) == first, f"{name}: two outputs for {label}"
        if first.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(first)) as package:
                dates = {info.date_time for info in package.infolist()}
            assert len(dates) == 1, f"{name}: zip entries with varying dates for {label}"


@pytest.mark.parametrize("name", RENDERERS)
def test_hidden_deletions_do_not_appear(name: str) -> None:
    cls = _registry().renderer_class(name)
    if getattr(cls, "deletions_always", False):
        pytest.skip(f"{name} carries deleted text by design (deletions_always)")
    checked = 0
    for label, job in _jobs(name):
        deleted = _deleted_texts(job)
        if not deleted or job.view is View.DOCUMENT:
            continue  # a document is NEW itself: see test_documents_are_new_alone
        hidden = _text(_render(name, replace(job, deletions=Deletions.HIDE)))
        for text in deleted:
            assert text not in hidden, f"{name}, {label}: deleted {text[:60]!r} shown"
        shown = _render(name, replace(job, deletions=Deletions.SHOW))
        assert _text(shown) != hidden, f"{name}, {label}: --deletions show changes nothing"
        checked += 1
    slow = getattr(cls, "slow", False)
    assert checked >= (SLOW_CASES if slow else 10)  # the corpus has deletions in most cases


@pytest.mark.parametrize("name", RENDERERS)
def test_documents_are_new_alone(name: str) -> None:
    """The DOCUMENT view draws NEW itself: no deleted text, whatever --deletions says."""
    cls = _registry().renderer_class(name)
    if View.DOCUMENT not in cls.views:
        pytest.skip(f"{name} does not render documents")
    for label, job in _jobs(name):
        if job.view is not View.DOCUMENT:
            continue
        shown = _text(_render(name, replace(job, deletions=Deletions.SHOW)))
        for text in _deleted_texts(job):
            assert text not in shown, f"{name}, {label}: deleted {text[:60]!r} in a document"


@pytest.mark.parametrize("name", RENDERERS)
def test_undeclared_views_are_refused(name: str) -> None:
    cls = _registry().renderer_class(name)
    for view in set(View) - set(cls.views):
        with pytest.raises(UsageError):
            _render(name, replace(_aulnoy(), view=view))
