"""LibreOffice, headless: the one module that runs it.

amendtrack prints its PDF through LibreOffice (``soffice --headless --convert-to``), and its
tests open every office document it writes in LibreOffice. Each run uses amendtrack's own
profile folder (``-env:UserInstallation``), never the user's: a LibreOffice the user has open
is not disturbed, and the user's settings do not change the output. The profile is kept in
``$XDG_CACHE_HOME/amendtrack/libreoffice`` (``AMENDTRACK_OFFICE_PROFILE`` names another
folder) so that only the first conversion pays for creating it; a lock on it makes concurrent
runs wait for each other instead of failing. Every run has a time limit, after which the whole
process group is killed.

LibreOffice missing is one `MissingToolError` naming the package to install (exit status 2); a
conversion that fails or runs over its time limit is an `OutputError` (exit status 1).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from amendtrack.errors import MissingToolError, OutputError
from amendtrack.translation import _

PACKAGE = "libreoffice-writer-nogui"
"""The Debian package that provides a headless LibreOffice Writer."""
TIME_LIMIT = 180.0
"""Seconds a conversion may take (``AMENDTRACK_OFFICE_TIME_LIMIT`` overrides it)."""
PDF_EXPORT = "writer_pdf_Export"
"""LibreOffice's PDF export filter for text documents."""
PROFILE_ENV = "AMENDTRACK_OFFICE_PROFILE"
TIME_LIMIT_ENV = "AMENDTRACK_OFFICE_TIME_LIMIT"


def find_soffice() -> str:
    """The path of ``soffice``; `MissingToolError` naming the package when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise MissingToolError(
            _("LibreOffice is needed for this and is not installed; install the package "
              "{package} (apt-get install {package})").format(package=PACKAGE)
        )
    return found


def pdf_filter(*, archive: bool = False) -> str:
    """The ``--convert-to`` target for a PDF, PDF/A-2b when `archive` (for archiving)."""
    if not archive:
        return f"pdf:{PDF_EXPORT}"
    return f'pdf:{PDF_EXPORT}:{{"SelectPdfVersion":{{"type":"long","value":"2"}}}}'


def time_limit() -> float:
    """The time limit in force, in seconds."""
    configured = os.environ.get(TIME_LIMIT_ENV, "")
    try:
        return float(configured) if configured else TIME_LIMIT
    except ValueError:
        return TIME_LIMIT


def profile_folder() -> Path:
    """amendtrack's own LibreOffice profile folder (created on first use)."""
    configured = os.environ.get(PROFILE_ENV)
    if configured:
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "amendtrack" / "libreoffice"


_CONVERTED: dict[tuple[str, str, str], bytes] = {}
"""The last conversions of this process, by input hash: the same input is converted once."""
_REMEMBERED = 16


def convert(data: bytes, source_name: str, target: str) -> bytes:
    """The bytes of `data` (a document named `source_name`) converted to `target`.

    `target` is what ``--convert-to`` takes (``pdf``, ``docx:MS Word 2007 XML``, `pdf_filter`).
    """
    key = (hashlib.sha256(data).hexdigest(), Path(source_name).suffix, target)
    if key in _CONVERTED:
        return _CONVERTED[key]
    with tempfile.TemporaryDirectory(prefix="amendtrack-office-") as work:
        source = Path(work) / Path(source_name).name
        source.write_bytes(data)
        (result,) = convert_files([source], target, Path(work) / "out")
        converted = result.read_bytes()
    if len(_CONVERTED) >= _REMEMBERED:
        _CONVERTED.pop(next(iter(_CONVERTED)))
    _CONVERTED[key] = converted
    return converted


def convert_files(sources: Sequence[Path], target: str, outdir: Path, *,
                  input_filter: str | None = None) -> list[Path]:
    """Convert several files in one LibreOffice run (much faster than one run each); the
    converted files, in `outdir`, in the order of `sources`. `input_filter` chooses how
    LibreOffice opens them (``HTML``: as Writer/Web does)."""
    soffice = find_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    extension = target.split(":", 1)[0]
    opening = [f"--infilter={input_filter}"] if input_filter else []
    with _profile() as profile:
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--nologo", "--nodefault", "--nolockcheck", *opening,
                   "--convert-to", target, "--outdir", str(outdir), *map(str, sources)]
        _run(command, len(sources))
    results = [outdir / f"{source.stem}.{extension}" for source in sources]
    for source, result in zip(sources, results, strict=True):
        if not result.is_file() or result.stat().st_size == 0:
            raise OutputError(_("LibreOffice did not convert the document to {extension}").format(
                extension=extension), source.name)
    return results


@contextlib.contextmanager
def listening() -> Iterator[str]:
    """A headless LibreOffice accepting UNO connections while the block runs (amendtrack's
    profile, locked); yields the UNO connection string (``pipe,name=…;urp;``). Used to drive
    Writer from a Python-UNO script, as the tests do to edit a document the way a user would.
    The office is killed when the block ends."""
    soffice = find_soffice()
    pipe = f"amendtrack-{os.getpid()}-{id(object())}"
    with _profile() as profile:
        process = subprocess.Popen(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--nologo", "--nodefault", "--nolockcheck", f"--accept=pipe,name={pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        try:
            yield f"pipe,name={pipe};urp;"
        finally:
            _kill(process)


def _run(command: list[str], count: int) -> None:
    limit = time_limit() * max(count, 1)
    # UTC: the time stamps LibreOffice writes (a PDF's dates) do not depend on the machine.
    environment = {**os.environ, "SAL_USE_VCLPLUGIN": "svp", "TZ": "UTC"}
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True, env=environment)
    try:
        _output, errors = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise OutputError(_("LibreOffice did not finish within {limit:g} s (set {variable} to "
                            "allow more)").format(limit=limit, variable=TIME_LIMIT_ENV),
                          command[-1]) from None
    except BaseException:
        _kill(process)
        raise
    if process.returncode != 0:
        detail = errors.decode("utf-8", "replace").strip().splitlines()
        if detail:
            problem = _("LibreOffice failed (exit status {status}): {detail}").format(
                status=process.returncode, detail=detail[-1])
        else:
            problem = _("LibreOffice failed (exit status {status})").format(
                status=process.returncode)
        raise OutputError(problem, command[-1])


def _kill(process: subprocess.Popen[bytes]) -> None:
    # soffice is a launcher: its process group holds the real office process too.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)


@contextlib.contextmanager
def _profile() -> Iterator[Path]:
    """The profile folder, locked for this run; a private temporary one if it cannot be."""
    folder = profile_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = os.open(folder.parent / f".{folder.name}.lock", os.O_CREAT | os.O_RDWR, 0o600)
    except OSError:
        with tempfile.TemporaryDirectory(prefix="amendtrack-office-profile-") as private:
            yield Path(private)
        return
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder
    finally:
        os.close(lock)


__all__ = [
    "PACKAGE",
    "PDF_EXPORT",
    "TIME_LIMIT",
    "convert",
    "convert_files",
    "find_soffice",
    "listening",
    "pdf_filter",
    "profile_folder",
    "time_limit",
]
