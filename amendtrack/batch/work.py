"""What a worker does with a chunk of pairs: read both versions by hash, diff, record, write acts.

`run_chunk` is the one function a process pool or a Dask cluster runs. Its argument and its
result are small, picklable values: a chunk names each version by its file and content hash
(never carries a version), and the result carries the finished record lines. A worker reads
the files itself from the source (a store or folder every worker sees at the same path),
checks each one against its hash, and keeps the last few versions it parsed, so the version
shared by two consecutive pairs is read once.

Nothing a pair does can stop the others: every failure becomes an error record.
"""

from __future__ import annotations

import os
import resource
import socket
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amendtrack.batch.plan import Pair, VersionRef, relative_name
from amendtrack.batch.records import ActRequest, error_record, pair_record
from amendtrack.errors import AmendtrackError, IntegrityError, OutputError
from amendtrack.store.history import sha256_of
from amendtrack.translation import _

if TYPE_CHECKING:
    from amendtrack.model import Amendment, Version
    from amendtrack.rendering.registry import Registry

_CACHE_SIZE = 8
_versions: OrderedDict[str, Version] = OrderedDict()


@dataclass(frozen=True, slots=True)
class Chunk:
    """Pairs sent to a worker at once, with everything needed to compare them."""

    root: str
    """The source's root folder, as the worker sees it."""
    is_store: bool
    tool: str
    """``amendtrack VERSION`` of the client: the records say it, so the worker must run it."""
    acts: ActRequest
    pairs: tuple[tuple[str, Pair], ...]
    """(record key, pair)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One pair done: its record line, and the failure message if it failed."""

    key: str
    line: bytes
    failure: str | None = None
    """``FILE: problem (ID@1 → ID@2)``, for stderr; None when the pair was compared."""
    exit_code: int = 0
    noted: bool = False
    """Whether its acts carry notes (a fact stated without being known, deletions hidden)."""


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What a worker sends back for a chunk."""

    outcomes: tuple[Outcome, ...]
    worker: str
    """``HOST:PID`` of the worker process."""
    tool: str
    """``amendtrack VERSION`` the worker runs."""
    peak_memory: int
    """The worker process's peak resident memory so far, in bytes."""
    cpu_seconds: float
    """CPU time the worker spent on this chunk."""


def tool_version() -> str:
    """``amendtrack VERSION``: what records name as the tool that made them."""
    from amendtrack._version import __version__

    return f"amendtrack {__version__}"


def run_chunk(chunk: Chunk) -> ChunkResult:
    """Compare every pair of `chunk`; never raises for a pair that fails."""
    started = time.process_time()
    root = Path(chunk.root)
    outcomes = tuple(_outcome(chunk, root, key, pair) for key, pair in chunk.pairs)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return ChunkResult(
        outcomes=outcomes, worker=f"{socket.gethostname()}:{os.getpid()}", tool=tool_version(),
        peak_memory=usage.ru_maxrss * 1024, cpu_seconds=time.process_time() - started,
    )


def _outcome(chunk: Chunk, root: Path, key: str, pair: Pair) -> Outcome:
    try:
        line, noted = _compare(chunk, root, key, pair)
        return Outcome(key, line, noted=noted)
    except AmendtrackError as error:
        file, message, code = relative_name(error.path, root), error.message, error.exit_code
    except Exception as error:  # a bug in one pair must not stop the registry
        detail = (str(error).strip().splitlines() or [""])[0]
        file, code = None, 1
        message = _("internal error: {error}: {detail}").format(error=type(error).__name__,
                                                                detail=detail)
    line = error_record(key, pair, chunk.tool, file=file, message=message, exit_code=code)
    shown = (_("{file}: {problem} ({pair})").format(file=file, problem=message, pair=pair.label)
             if file else _("{problem} ({pair})").format(problem=message, pair=pair.label))
    return Outcome(key, line, shown, code)


def _compare(chunk: Chunk, root: Path, key: str, pair: Pair) -> tuple[bytes, bool]:
    """The record line of `pair`, and whether its acts carry notes."""
    from amendtrack.diffing import amendment_json
    from amendtrack.diffing.amendments import diff
    from amendtrack.diffing.summary import change_summary, summarise

    old = load_version(root, pair.old, chunk.is_store)
    new = load_version(root, pair.new, chunk.is_store)
    amendment = diff(old, new)
    acts = _write_acts(chunk.acts, pair, amendment, old, new)
    counts = {**asdict(summarise(amendment)), "metadata": len(amendment.metadata)}
    line = pair_record(key, pair, chunk.tool, counts=counts, summary=change_summary(amendment),
                       acts=acts, amendment_json=amendment_json.dumps(amendment))
    return line, any(act["notes"] for act in acts)


def load_version(root: Path, ref: VersionRef, is_store: bool) -> Version:
    """The version `ref` names, read from `root` and checked against its hash (cached)."""
    cached = _versions.get(ref.hash)
    if cached is not None:
        _versions.move_to_end(ref.hash)
        return cached
    from amendtrack import version_xml
    from amendtrack.files.reading import read_bytes

    # A store reads only itself, never through a link (as `amendtrack.store` does).
    data = read_bytes(root / ref.file, follow_links=not is_store)
    if sha256_of(data) != ref.hash:
        if is_store:
            problem = _("version {number} was edited since it was recorded (its hash differs "
                        "from the history); run `amendtrack verify`").format(number=ref.number)
        else:
            problem = _("version {number} changed while the batch ran").format(number=ref.number)
        raise IntegrityError(problem, ref.file)
    version = version_xml.parse_bytes(data, ref.file)
    _versions[ref.hash] = version
    if len(_versions) > _CACHE_SIZE:
        _versions.popitem(last=False)
    return version


@lru_cache(maxsize=1)
def _registry() -> Registry:
    from amendtrack.rendering.registry import Registry

    return Registry()


def _write_acts(request: ActRequest, pair: Pair, amendment: Amendment, old: Version,
                new: Version) -> list[dict[str, Any]]:
    """Write the acts of `pair`; each with the notes ``amend`` would warn about."""
    if not request.renderers or request.folder is None:
        return []
    from amendtrack.files.writing import write_atomic
    from amendtrack.rendering import Deletions, RenderJob, View
    from amendtrack.rendering.act import act_warnings
    from amendtrack.rendering.api import ActSettings, DeletionStyle
    from amendtrack.rendering.output import render_bytes

    registry = _registry()
    style = DeletionStyle.MENTION if request.deletions == "mention" else DeletionStyle.STRIKE
    job = RenderJob(amendment=amendment, old=old, new=new, view=View.ACT,
                    deletions=Deletions.HIDE if request.deletions == "hide" else Deletions.SHOW,
                    options=dict(request.options), full=True, color=False, interactive=False,
                    width=100, act=ActSettings(deletion_style=style))
    notes = act_warnings(job)
    written = []
    for name, relative in request.files(pair):
        data = render_bytes(registry.renderer(name), registry.info(name), job)
        target = Path(request.folder) / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(_("cannot create the folder: {problem}").format(
                problem=error.strerror), target.parent) from None
        # The temporaries of a run killed while it wrote acts here are removed by this write.
        write_atomic(target, data)
        written.append({"renderer": name, "file": relative, "notes": notes})
    return written


__all__ = ["Chunk", "ChunkResult", "Outcome", "load_version", "run_chunk", "tool_version"]
