"""Hostile and unlucky inputs, run as a user would, under a 1 GB address-space limit.

Each case builds its files in a fresh folder, runs the real command line (the console script)
with ``RLIMIT_AS`` at 1 GB and a 30 s time-out, then checks what issue 11 asks of every one:
exit status 1 or 2, exactly one line on stderr (``amendtrack: error: …``, naming the problem),
no traceback and no interpreter setting in it, and the folder exactly as it was: no partial or
temporary file left, nothing outside the output changed (FIFOs and devices are never opened by
the check). Cases that need a full disk or a read-only store run in a private mount namespace
(``unshare -m``) on a tmpfs. The unlucky but valid inputs (``-o /dev/null``, a 245-byte name,
16 kB of ``*_``) must work: `test_unlucky_but_valid_inputs_work`.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from amendtrack import version_xml
from amendtrack.store.history import entry_json
from amendtrack.store.repository import PENDING_NAME, Store
from tests.hostile_inputs import (
    MINIMAL,
    SECOND,
    W_NS,
    act_markdown,
    amendment_json,
    docx_with_document,
    docx_with_styles,
    html_page,
    odt_with_content,
    odt_with_styles,
    rezip,
    second_with_act_facts,
    store_with_two_versions,
)

AMENDTRACK = Path(sys.executable).parent / "amendtrack"
MEMORY = 1 << 30
"""The address-space limit of every run (``ulimit -v 1048576``)."""
TIMEOUT = 30
META = ("--meta", "collectivite=Ville d'Essai", "--meta", "seance=2022-02-02",
        "--meta", "objet=Essai")


@dataclass(frozen=True)
class Case:
    """A command to run in a prepared folder, and what its one error line must say."""

    build: Callable[[Path], Sequence[str]]
    """Writes the inputs in the folder and returns the command line (after ``amendtrack``)."""
    problem: str
    """What the error line must contain."""
    status: int = 2
    shell: str = ""
    """A shell around the command: ``{cmd}`` is replaced by it (pipes, redirections)."""
    mount: str = ""
    """``full`` or ``read-only``: run in a mount namespace, the folder ``disk`` being a tmpfs
    that is full, or that holds the store and is then made read-only."""


def _limit() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every entry under `root`: its kind and content hash (links and specials not followed)."""
    entries: dict[str, tuple[str, str]] = {}
    for folder, folders, files in os.walk(root):
        for name in [*folders, *files]:
            path = Path(folder, name)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                entries[str(path.relative_to(root))] = ("link", str(path.readlink()))
            elif stat.S_ISREG(mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                entries[str(path.relative_to(root))] = ("file", digest)
            else:
                entries[str(path.relative_to(root))] = (oct(stat.S_IFMT(mode)), "")
    return entries


def namespace(script: str) -> list[str]:
    """A shell script run in a private mount namespace (fails under CI=true without one)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        if os.environ.get("CI") == "true":
            pytest.fail("unshare (util-linux) is required when CI=true")
        pytest.skip("unshare is not installed")
    flags = ["-m"] if os.geteuid() == 0 else ["-r", "-m"]
    return [unshare, *flags, "sh", "-c", script]


def _mounted(case: Case, command: str, work: Path, listing: Path) -> str:
    disk = work / "disk"
    if case.mount == "full":
        prepare = (f"mount -t tmpfs -o size=64k tmpfs {disk} && "
                   f"(dd if=/dev/zero of={disk}/filler bs=4k 2>/dev/null; true)")
    else:
        prepare = (f"mount -t tmpfs -o size=1m tmpfs {disk} && cp -a {work}/store/. {disk}/ && "
                   f"mount -o remount,ro {disk}")
    # After the command, what is left on the tmpfs is listed for the checks.
    return (f"{prepare} || exit 99; {command}; status=$?; ls -A {disk} > {listing}; "
            "exit $status")


@dataclass(frozen=True)
class Outcome:
    """What a run did: its result, what a mounted disk held after it, the folder around it."""

    result: subprocess.CompletedProcess[str]
    left: str
    before: dict[str, tuple[str, str]]
    after: dict[str, tuple[str, str]]


def run_case(case: Case, tmp_path: Path) -> Outcome:
    """Build a case in `tmp_path`/work and run it under the limits."""
    work = tmp_path / "work"
    work.mkdir()
    arguments = [str(AMENDTRACK), *case.build(work)]
    command = " ".join(_quoted(argument) for argument in arguments)
    if case.shell:
        command = "set -o pipefail; " + case.shell.replace("{cmd}", command)
    listing = tmp_path.parent / f"{tmp_path.name}.listing"
    if case.mount:
        (work / "disk").mkdir(exist_ok=True)
        argv = namespace(_mounted(case, command, work, listing))
    else:
        argv = ["bash", "-c", command]
    before = snapshot(tmp_path)
    started = time.monotonic()
    result = subprocess.run(argv, cwd=work, capture_output=True, text=True, timeout=TIMEOUT,
                            preexec_fn=_limit, stdin=subprocess.DEVNULL, check=False,
                            errors="replace")
    assert time.monotonic() - started < TIMEOUT
    left = listing.read_text() if listing.exists() else ""
    listing.unlink(missing_ok=True)
    return Outcome(result, left, before, snapshot(tmp_path))


def run_case_checked(case: Case, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """`run_case`, checking that the folder is exactly as it was."""
    outcome = run_case(case, tmp_path)
    changed = {name for name in outcome.before.keys() | outcome.after.keys()
               if outcome.before.get(name) != outcome.after.get(name)}
    assert not changed, (changed, outcome.result.stderr[-2000:])
    return outcome.result, outcome.left


def _quoted(argument: str) -> str:
    return "'" + argument.replace("'", "'\\''") + "'"


def assert_one_error_line(result: subprocess.CompletedProcess[str], case: Case) -> str:
    assert result.returncode == case.status, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr[-3000:]
    line = lines[0]
    assert line.startswith("amendtrack: error: "), line
    assert case.problem in line, line
    for leak in ("Traceback", "set_int_max_str_digits", "XML_PARSE_HUGE", "\x1b", "\x07"):
        assert leak not in result.stderr, line
    return line


# --- the cases ---------------------------------------------------------------------------------


def _version(work: Path, name: str = "v.xml", data: bytes = MINIMAL) -> str:
    (work / name).write_bytes(data)
    return name


def _with_file(name: str, data: bytes, *arguments: str) -> Callable[[Path], Sequence[str]]:
    def build(work: Path) -> Sequence[str]:
        (work / name).write_bytes(data)
        return [arg.replace("{v}", _version(work)) for arg in arguments]

    return build


def _fifo(work: Path) -> Sequence[str]:
    os.mkfifo(work / "pipe.xml")
    return ["validate", "pipe.xml"]


def _link_to_zero(work: Path) -> Sequence[str]:
    (work / "zero.xml").symlink_to("/dev/zero")
    return ["validate", "zero.xml"]


def _store_version_replaced(kind: str) -> Callable[[Path], Sequence[str]]:
    def build(work: Path) -> Sequence[str]:
        store = store_with_two_versions(work / "store")
        version = store / "essai" / "2022-02-02.xml"
        version.unlink()
        if kind == "fifo":
            os.mkfifo(version)
        elif kind == "zero":
            version.symlink_to("/dev/zero")
        else:
            version.mkdir()
        return ["--store", "store", "show", "essai@1"]

    return build


def _onto_input(command: str) -> Callable[[Path], Sequence[str]]:
    def build(work: Path) -> Sequence[str]:
        _version(work)
        (work / "x.txt").write_text("Texte.\n")
        (work / "link.xml").symlink_to("v.xml")
        return {
            "show": ["show", "v.xml", "--to", "text", "-o", "v.xml"],
            "show-link": ["show", "v.xml", "--to", "text", "-o", "link.xml"],
            "import": ["import", "x.txt", "-o", "x.txt", *META],
        }[command]

    return build


def _store_file_as_output(work: Path) -> Sequence[str]:
    store_with_two_versions(work / "store")
    return ["--store", "store", "show", "essai@1", "-o", "store/essai/2022-02-02.xml"]


def _bold(before: str, after: str) -> Callable[[Path], Sequence[str]]:
    def build(work: Path) -> Sequence[str]:
        (work / "acte.md").write_bytes(act_markdown())
        (work / "folder").mkdir()
        return ["import", "acte.md", "--bold-as-additions", "--before", before, "--after", after]

    return build


def _socket_output(work: Path) -> Sequence[str]:
    _version(work)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(work / "s.sock"))
    server.close()  # the socket file stays
    return ["show", "v.xml", "-o", "s.sock"]


def _on_full_disk(command: str) -> Callable[[Path], Sequence[str]]:
    def build(work: Path) -> Sequence[str]:
        _version(work)
        _version(work, "v2.xml", SECOND)
        (work / "a.json").write_bytes(amendment_json())
        (work / "x.txt").write_text("Texte.\n" * 2000)
        _version(work, "v2-act.xml", second_with_act_facts())
        return {
            "diff": ["diff", "v.xml", "v2.xml", "--to", "json", "-o", "disk/a.json"],
            "amend": ["amend", "v.xml", "v2-act.xml", "-o", "disk/acte.odt"],
            "apply": ["apply", "v.xml", "a.json", "-o", "disk/v2.xml"],
            "invert": ["invert", "a.json", "-o", "disk/b.json"],
            "import": ["import", "x.txt", "-o", "disk/x.xml", *META],
        }[command]

    return build


def _read_only_store(command: str) -> Callable[[Path], Sequence[str]]:
    def build(work: Path) -> Sequence[str]:
        store = store_with_two_versions(work / "store")
        _version(work, "v3.xml", SECOND.replace(b"2022-03-03", b"2022-04-04").replace(b"fin", b"x"))
        if command == "verify":
            (store / PENDING_NAME).write_text("{}")
        if command == "add-after-a-crash":
            _interrupted_add(store)
        return {
            "add-after-a-crash": ["--store", "disk", "add", "v3.xml"],
            "add": ["--store", "disk", "add", "v3.xml"],
            "init": ["store", "init", "disk/new"],
            "verify": ["--store", "disk", "verify"],
            "verify-clean": ["--store", "disk", "verify"],
        }[command]

    return build


def _interrupted_add(store: Path) -> None:
    # The note an add killed before its version file got its name leaves: recovery undoes it.
    history = Store.open(store).history("essai")
    version = version_xml.parse_bytes(
        SECOND.replace(b"2022-03-03", b"2022-05-05").replace(b"fin", b"autre"))
    entry = history.next_entry(version, "sha256:" + "0" * 64)
    note = {"deliberation": "essai", "previous": history.head, "new_folder": False,
            "entry": entry_json(entry)}
    (store / PENDING_NAME).write_text(json.dumps(note))


def _verify_with_a_folder(work: Path) -> Sequence[str]:
    store = store_with_two_versions(work / "store")
    (store / "essai" / "2022-02-02.xml").unlink()
    (store / "essai" / "2022-02-02.xml").mkdir()
    return ["--store", "store", "verify"]


def _big_number_in_history(work: Path) -> Sequence[str]:
    store = store_with_two_versions(work / "store")
    history = store / "essai" / "history.jsonl"
    lines = history.read_text().splitlines()
    lines[1] = lines[1].replace('"number": 1', '"number": ' + "9" * 5000)
    history.write_text("\n".join(lines) + "\n")
    return ["--store", "store", "show", "essai@1"]


def _nested_history(work: Path) -> Sequence[str]:
    store = store_with_two_versions(work / "store")
    history = store / "essai" / "history.jsonl"
    history.write_text(history.read_text() + "[" * 100_000 + "\n")
    return ["--store", "store", "show", "essai@1"]


def _pending(note: str) -> Callable[[Path], Sequence[str]]:
    def build(work: Path) -> Sequence[str]:
        store = store_with_two_versions(work / "store")
        if note == "folder":
            (store / PENDING_NAME).mkdir()
        else:
            (store / PENDING_NAME).write_text(note)
        _version(work, "v3.xml", SECOND.replace(b"2022-03-03", b"2022-04-04").replace(b"fin", b"x"))
        return ["--store", "store", "add", "v3.xml"]

    return build


def _outside_the_store(work: Path) -> Sequence[str]:
    store = store_with_two_versions(work / "store")
    (work / "outside").mkdir()
    history = store / "essai" / "history.jsonl"
    lines = history.read_text().splitlines()
    (work / "outside" / "secret.xml").write_bytes((store / "essai" / "2022-03-03.xml").read_bytes())
    lines[2] = lines[2].replace('"file": "2022-03-03.xml"', '"file": "../../outside/secret.xml"')
    history.write_text("\n".join(lines) + "\n")
    return ["--store", "store", "show", "essai@2"]


def _long_argument(command: str) -> Callable[[Path], Sequence[str]]:
    def build(work: Path) -> Sequence[str]:
        store_with_two_versions(work / "store")
        _version(work)
        revision = "a" * 300 + "@1"
        return {
            "show": ["--store", "store", "show", revision],
            "diff": ["--store", "store", "diff", "v.xml", revision],
            "add": ["--store", "store", "add", revision],
            "file": ["validate", "a" * 300 + ".xml"],
        }[command]

    return build


def _nested_json(command: str) -> Callable[[Path], Sequence[str]]:
    def build(work: Path) -> Sequence[str]:
        _version(work)
        (work / "a.json").write_bytes(b"[" * 200_000 + b"]" * 200_000)
        return ["apply", "v.xml", "a.json", "-o", "out.xml"] if command == "apply" else [
            "invert", "a.json", "-o", "out.json"]

    return build


def _amendment_with(old: bytes, new: bytes) -> bytes:
    return amendment_json().replace(old, new, 1)


def _escape_in_name(work: Path) -> Sequence[str]:
    name = "v\x1b[31m\nrouge\x07.xml"
    (work / name).write_bytes(b"<not xml")
    return ["validate", name]


CHAIN_ODT = "".join(
    f'<style:style style:name="s{i}" style:family="paragraph" style:parent-style-name="s{i + 1}"/>'
    for i in range(3000)
)
CHAIN_DOCX = "".join(
    f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="s{i}"/>'
    f'<w:basedOn w:val="s{i + 1}"/></w:style>' for i in range(3000)
)
UTF16_ENTITY_ODT = (
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "ENTITE">]>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
    "<text:p>Ville &a;</text:p></office:text></office:body></office:document-content>"
).encode("utf-16")
UTF16_DOCTYPE_DOCX = (
    f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "ENTITE">]>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Ville &a; suite</w:t></w:r></w:p>'
    "</w:body></w:document>"
).encode("utf-16")


def _docx_main_part_named(work: Path) -> Sequence[str]:
    from tests.importers.test_docx import docx_bytes

    package = docx_bytes("<w:p/>")
    types = zipfile_read(package, "[Content_Types].xml").replace(
        b'PartName="/word/document.xml"', b'PartName="/word/document.bin"')
    rels = zipfile_read(package, "word/_rels/document.xml.rels")
    document = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "ENTITE">]><w:document '
                f'xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body>'
                "</w:document>").encode()
    root_rels = zipfile_read(package, "_rels/.rels").replace(b"word/document.xml",
                                                             b"word/document.bin")
    data = rezip(package, drop="word/document.xml", replace={
        "[Content_Types].xml": types, "_rels/.rels": root_rels,
    }, add={"word/document.bin": document, "word/_rels/document.bin.rels": rels})
    (work / "main.docx").write_bytes(data)
    return ["import", "main.docx", "-o", "out.xml", *META]


def zipfile_read(package: bytes, name: str) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(package)).read(name)


def _instructions(text: str) -> Callable[[Path], Sequence[str]]:
    return _with_file("i.txt", text.encode(), "apply-instructions", "{v}", "i.txt",
                      "-o", "out.xml")


FAILING: dict[str, Case] = {
    # memory bombs
    "odt-two-thousand-million-spaces": Case(_with_file(
        "bomb.odt", odt_with_content('<text:p>a<text:s text:c="2000000000"/>b</text:p>'),
        "import", "bomb.odt", "-o", "out.xml"), "text:s"),
    "odt-10**12-spaces": Case(_with_file(
        "bomb.odt", odt_with_content('<text:p>a<text:s text:c="1000000000000"/>b</text:p>'),
        "import", "bomb.odt", "-o", "out.xml"), "text:s"),
    "odt-spaces-written-10**12": Case(_with_file(
        "bomb.odt", odt_with_content('<text:p>a<text:s text:c="10**12"/>b</text:p>'),
        "import", "bomb.odt", "-o", "out.xml"), "not a number of spaces"),
    "xml-nested-300-deep": Case(_with_file("deep.xml", MINIMAL.replace(
        b"<p id", b"<x>" * 300 + b"</x>" * 300 + b"<p id"), "validate", "deep.xml"),
        "nested more than 256 deep"),
    "odt-repeated-cell-with-text": Case(_with_file(
        "cells.odt", odt_with_content(
            '<table:table><table:table-row><table:table-cell '
            'table:number-columns-repeated="100000000"><text:p>x</text:p></table:table-cell>'
            "</table:table-row></table:table>"),
        "import", "cells.odt", "-o", "out.xml"), "number-columns-repeated"),
    "html-650-kB-of-nested-b": Case(_with_file(
        "b.html", html_page(b"<p>" + b"<b>" * 100_000 + b"x" + b"</b>" * 100_000 + b"</p>"),
        "import", "b.html", "-o", "out.xml"), "nested more than 256 deep"),
    # non-regular files
    "fifo-input": Case(_fifo, "FIFO"),
    "link-to-dev-zero": Case(_link_to_zero, "character device"),
    "endless-dev-stdin": Case(lambda work: ["validate", "/dev/stdin"], "FIFO",
                              shell="yes | {cmd}"),
    "endless-stdin": Case(lambda work: ["validate", "-"], "too large", shell="yes | {cmd}"),
    "stored-version-replaced-by-a-fifo": Case(_store_version_replaced("fifo"), "FIFO", 1),
    "stored-version-linked-to-dev-zero": Case(_store_version_replaced("zero"), "symbolic link",
                                              1),
    "stored-version-replaced-by-a-folder": Case(_store_version_replaced("folder"),
                                                "is a directory", 1),
    # outputs that would destroy what they replace
    "show-onto-its-input": Case(_onto_input("show"), "also an input", 1),
    "show-onto-its-input-through-a-link": Case(_onto_input("show-link"), "also an input", 1),
    "import-onto-its-source": Case(_onto_input("import"), "also an input", 1),
    "show-onto-a-stored-file": Case(_store_file_as_output, "also an input", 1),
    "bold-additions-after-fails": Case(_bold("before.xml", "folder"), "is a directory", 1),
    "bold-additions-same-file": Case(_bold("same.xml", "./same.xml"), "two outputs"),
    "output-is-a-folder": Case(lambda work: ["show", _version(work), "-o", "."],
                               "is a directory", 1),
    "output-is-empty": Case(lambda work: ["show", _version(work), "-o", ""], "empty file name"),
    "output-is-a-socket": Case(_socket_output, "socket", 1),
    "output-in-a-missing-folder": Case(lambda work: ["show", _version(work), "-o", "no/v.txt"],
                                       "does not exist", 1),
    "stdout-on-dev-full": Case(lambda work: ["show", _version(work)], "No space left", 1,
                               shell="{cmd} > /dev/full"),
    "print-on-dev-full": Case(lambda work: ["validate", _version(work)], "No space left", 1,
                              shell="{cmd} > /dev/full"),
    "stdout-closed": Case(lambda work: ["show", _version(work)], "closed", 1,
                          shell="{cmd} >&-"),
    "print-to-closed-stdout": Case(lambda work: ["validate", _version(work)], "closed", 1,
                                   shell="{cmd} >&-"),
    "stdout-pipe-closed": Case(lambda work: ["show", _version(work)], "Broken pipe", 1,
                               shell="{cmd} | true"),
    **{f"{command}-on-a-full-disk": Case(_on_full_disk(command), "No space left on device", 1,
                                         mount="full")
       for command in ("diff", "amend", "apply", "invert", "import")},
    "add-to-a-read-only-store": Case(_read_only_store("add"), "Read-only file system", 1,
                                     mount="read-only"),
    "add-to-a-read-only-store-after-a-crash": Case(_read_only_store("add-after-a-crash"),
                                                   "Read-only file system", 1,
                                                   mount="read-only"),
    "verify-a-version-replaced-by-a-folder": Case(_verify_with_a_folder, "1 problem(s) found",
                                                  1),
    "init-on-a-read-only-disk": Case(_read_only_store("init"), "Read-only file system", 1,
                                     mount="read-only"),
    "verify-a-read-only-store-with-a-pending-note": Case(
        _read_only_store("verify"), "1 problem(s) found", 1, mount="read-only"),
    # what used to be tracebacks
    "text-node-over-10-MB": Case(_with_file("big.txt", b"Texte " * 2_000_000, "import",
                                            "big.txt", "-o", "out.xml", *META), "10,000,000"),
    "xml-number-of-5000-digits": Case(_with_file("n.xml", MINIMAL.replace(
        b"<objet>Objet</objet>",
        b'<objet>Objet</objet><conseillers en-exercice="' + b"9" * 5000 + b'"/>'),
        "validate", "n.xml"), "5,000 digits"),
    "json-number-of-5000-digits": Case(_with_file("a.json", _amendment_with(
        b'"old_index":0', b'"old_index":' + b"9" * 5000), "apply", "{v}", "a.json", "-o",
        "out.xml"), "5,000 digits"),
    "history-number-of-5000-digits": Case(_big_number_in_history, "5,000 digits", 1),
    "instruction-number-of-5000-digits": Case(_instructions(
        "Au " + "9" * 5000 + "e alinéa, le mot : « suite » est remplacé par le mot : « fin »."),
        "out of range"),
    "deeply-nested-json-apply": Case(_nested_json("apply"), "nested too deeply"),
    "deeply-nested-json-invert": Case(_nested_json("invert"), "nested too deeply"),
    "deeply-nested-history-line": Case(_nested_history, "nested too deeply", 1),
    **{f"argument-of-300-bytes-{command}": Case(_long_argument(command), problem)
       for command, problem in (("show", "not a deliberation id"),
                                ("diff", "not a deliberation id"),
                                ("add", "not a deliberation id"), ("file", "too long"))},
    **{f"pending-note-{label}": Case(_pending(note), "pending note", 1)
       for label, note in (("empty-object", "{}"), ("list", "[1, 2]"), ("folder", "folder"),
                           ("not-json", "{"))},
    "lone-surrogate-in-an-amendment": Case(_with_file("a.json", _amendment_with(
        b'"fin"', b'"\\ud800"'), "invert", "a.json", "-o", "b.json"), "U+D800"),
    "unstorable-character-in-an-amendment": Case(_with_file("a.json", _amendment_with(
        b'"fin"', b'"\\u0001"'), "apply", "{v}", "a.json", "-o", "out.xml"), "a.json: "),
    "odt-style-chain-of-3000": Case(_with_file(
        "chain.odt", odt_with_styles('<text:p text:style-name="s0">x</text:p>', CHAIN_ODT),
        "import", "chain.odt", "-o", "out.xml"), "inherits from more than 100 styles"),
    "docx-style-chain-of-3000": Case(_with_file("chain.docx", docx_with_styles(
        '<w:p><w:pPr><w:pStyle w:val="s0"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>', CHAIN_DOCX),
        "import", "chain.docx", "-o", "out.xml"), "inherits from more than 100 styles"),
    "docx-wrong-root": Case(_with_file("root.docx", docx_with_document(
        f'<w:body xmlns:w="{W_NS}"><w:p/></w:body>'.encode()), "import", "root.docx", "-o",
        "out.xml"), "not a Word document"),
    "docx-without-body": Case(_with_file("body.docx", docx_with_document(
        f'<w:document xmlns:w="{W_NS}"/>'.encode()), "import", "body.docx", "-o", "out.xml"),
        "no body"),
    "docx-position-of-5000-digits": Case(_with_file("pos.docx", docx_with_styles(
        '<w:p><w:r><w:rPr><w:position w:val="' + "9" * 5000 + '"/></w:rPr><w:t>x</w:t></w:r>'
        "</w:p>", ""), "import", "pos.docx", "-o", "out.xml"), "5,000 digits"),
    "html-charset-undefined": Case(_with_file("cs.html", html_page(
        b"<p>x</p>", b"<meta charset=undefined>"), "import", "cs.html", "-o", "out.xml"),
        "not a character encoding"),
    # the DOCTYPE guard of packages
    "odt-utf16-internal-entity": Case(_with_file("e.odt", rezip(
        odt_with_content("<text:p>x</text:p>"), replace={"content.xml": UTF16_ENTITY_ODT}),
        "import", "e.odt", "-o", "out.xml", *META), "DOCTYPE"),
    "docx-utf16-doctype": Case(_with_file("e.docx", docx_with_document(UTF16_DOCTYPE_DOCX),
                                          "import", "e.docx", "-o", "out.xml", *META),
                               "DOCTYPE"),
    "docx-main-part-not-named-xml": Case(_docx_main_part_named, "DOCTYPE"),
    # leaks and escapes
    "control-characters-in-a-document": Case(_with_file("c.html", html_page(
        b"<p>Texte \x1b]0;pwned\x07 \x1b[2J suite</p>"), "import", "c.html", "-o", "out.xml"),
        "\\x1b"),
    "control-characters-in-a-file-name": Case(_escape_in_name, "v\\x1b[31m\\x0arouge\\x07.xml"),
    "history-names-a-file-outside": Case(_outside_the_store, "not a version file", 1),
    "nul-byte": Case(_with_file("nul.xml", MINIMAL.replace(b"suite", b"su\x00ite"), "validate",
                                "nul.xml"), "Char 0x0"),
    "wrong-namespace": Case(_with_file("ns.xml", MINIMAL.replace(
        b"urn:amendtrack:deliberation:1", b"urn:autre:espace"), "validate", "ns.xml"),
        "not 'urn:amendtrack:deliberation:2' (format 2) or "
        "'urn:amendtrack:deliberation:1' (format 1)"),  # whole, not cut off
    # leftovers and guesses
    "bom-only-text": Case(_with_file("bom.txt", b"\xef\xbb\xbf", "import", "bom.txt", "-o",
                                     "out.xml", *META), "empty"),
    "revision-of-an-impossible-date": Case(lambda work: [
        "--store", str(store_with_two_versions(work / "store")), "show", "essai@2099-13-45"],
        "not a date"),
    "template-number-of-5000-digits": Case(lambda work: (
        (work / "t.toml").write_text("a = " + "9" * 5000 + "\n"), _both_versions(work),
        ["amend", "v.xml", "v2.xml", "--template", "t.toml"])[2], "thousands of digits"),
    "template-nested-deeply": Case(lambda work: (
        (work / "t.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n"),
        _both_versions(work), ["amend", "v.xml", "v2.xml", "--template", "t.toml"])[2],
        "nested too deeply"),
    "instructions-that-change-nothing": Case(_instructions("Bonjour à tous.\n"),
                                             "no amending instruction"),
}


@pytest.mark.parametrize("name", sorted(FAILING))
def test_hostile_input_is_one_line_and_changes_nothing(name: str, tmp_path: Path) -> None:
    case = FAILING[name]
    result, left = run_case_checked(case, tmp_path)
    line = assert_one_error_line(result, case)
    if case.mount == "full":
        assert left.split() == ["filler"], left
    if name == "history-names-a-file-outside":
        assert "fin" not in result.stdout  # the outside file was not shown
    if name == "verify-a-read-only-store-with-a-pending-note":
        assert "pending" in result.stdout, result.stdout
    assert "\n" not in line


# --- unlucky but valid: these must work --------------------------------------------------------


@dataclass(frozen=True)
class Valid:
    """A command that must succeed, and what must hold after it."""

    build: Callable[[Path], Sequence[str]]
    check: Callable[[Outcome, Path], None]
    shell: str = ""
    mount: str = ""


_PRIVATE_DEV = (
    "mount -t tmpfs -o size=64k,mode=755 tmpfs /dev || exit 99; "
    "for node in null:3 zero:5 full:7 random:8 urandom:9; do "
    "mknod -m 666 /dev/${node%:*} c 1 ${node#*:} || exit 99; done; "
    "ln -s /proc/self/fd /dev/fd; ln -s /proc/self/fd/0 /dev/stdin; "
    "ln -s /proc/self/fd/1 /dev/stdout; ln -s /proc/self/fd/2 /dev/stderr; "
)


def _private_dev_script(command: str) -> str:
    # The command runs with a /dev of its own (a tmpfs in a private mount namespace): were
    # /dev/null or /dev/stdout ever replaced, only that copy would be, never the machine's.
    return (f"{_PRIVATE_DEV}{command}; status=$?; [ -c /dev/null ] || exit 98; "
            "[ -L /dev/stdout ] || exit 97; exit $status")


def _unchanged_but(*names: str) -> Callable[[Outcome, Path], None]:
    def check(outcome: Outcome, work: Path) -> None:
        assert outcome.result.returncode == 0, outcome.result.stderr[-2000:]
        changed = {name for name in outcome.before.keys() | outcome.after.keys()
                   if outcome.before.get(name) != outcome.after.get(name)}
        assert changed == {f"work/{name}" for name in names}, changed
        assert "Traceback" not in outcome.result.stderr

    return check


def _silent_success(outcome: Outcome, work: Path) -> None:
    _unchanged_but()(outcome, work)
    assert outcome.result.stdout == ""
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def _stdout_is_the_text(outcome: Outcome, work: Path) -> None:
    _unchanged_but()(outcome, work)
    assert outcome.result.stdout == "Le 1er janvier\u00a02023,  en gras\nsuite"


def _link_kept(outcome: Outcome, work: Path) -> None:
    _unchanged_but("real/out.txt")(outcome, work)
    assert (work / "link.txt").is_symlink()
    assert (work / "real" / "out.txt").read_text().endswith("suite")


def _long_name_written(outcome: Outcome, work: Path) -> None:
    _unchanged_but("n" * 241 + ".txt")(outcome, work)


def _imported(outcome: Outcome, work: Path) -> None:
    _unchanged_but("out.xml")(outcome, work)
    version_xml.load(work / "out.xml")


def _imported_without_include(outcome: Outcome, work: Path) -> None:
    _imported(outcome, work)
    assert "root:" not in (work / "out.xml").read_text()
    assert "never followed" in outcome.result.stderr


def _bom_said(outcome: Outcome, work: Path) -> None:
    _imported(outcome, work)
    assert "byte order mark" in outcome.result.stderr
    assert version_xml.load(work / "out.xml").body[0].text == "Texte."


def _verified(outcome: Outcome, work: Path) -> None:
    _unchanged_but()(outcome, work)
    assert "every hash and chain verified" in outcome.result.stdout


def _fifo_fed(outcome: Outcome, work: Path) -> None:
    _unchanged_but("received.txt")(outcome, work)
    assert (work / "received.txt").read_text().endswith("suite")
    assert stat.S_ISFIFO((work / "pipe").lstat().st_mode)


def _fifo_output(work: Path) -> Sequence[str]:
    os.mkfifo(work / "pipe")
    return ["show", _version(work), "-o", "pipe"]


def _link_output(work: Path) -> Sequence[str]:
    (work / "real").mkdir()
    (work / "real" / "out.txt").write_text("old")
    (work / "link.txt").symlink_to(Path("real") / "out.txt")
    return ["show", _version(work), "-o", "link.txt"]


def _both_versions(work: Path) -> None:
    _version(work)
    _version(work, "v2.xml", SECOND)


VALID: dict[str, Valid] = {
    **{f"{label}-to-dev-null": Valid(build, _silent_success, mount="dev")
       for label, build in (
           ("show", lambda work: ["show", _version(work), "-o", "/dev/null"]),
           ("diff", lambda work: (_both_versions(work), [
               "diff", "v.xml", "v2.xml", "--to", "json", "-o", "/dev/null"])[1]),
           ("amend", lambda work: (_both_versions(work), [
               "amend", "v.xml", "v2.xml", "--to", "odt", "-o", "/dev/null"])[1]),
       )},
    "show-to-dev-stdout": Valid(lambda work: ["show", _version(work), "-o", "/dev/stdout"],
                                _stdout_is_the_text, mount="dev"),
    "show-to-a-fifo": Valid(_fifo_output, _fifo_fed,
                            shell="cat pipe > received.txt & {cmd}; status=$?; wait; "
                                  "exit $status"),
    "show-through-a-link": Valid(_link_output, _link_kept),
    "output-name-of-245-bytes": Valid(
        lambda work: ["show", _version(work), "-o", "n" * 241 + ".txt"], _long_name_written),
    "16-kB-of-star-underscore": Valid(_with_file("e.md", b"*_" * 8000, "import", "e.md", "-o",
                                                 "out.xml", *META), _imported),
    "650-kB-of-nested-b-in-markdown": Valid(_with_file(
        "b.md", b"<b>" * 100_000 + b"x" + b"</b>" * 100_000, "import", "b.md", "-o", "out.xml",
        *META), _imported),
    "odt-without-styles": Valid(_with_file("s.odt", rezip(
        odt_with_content("<text:p>Texte.</text:p>"), drop="styles.xml"), "import", "s.odt", "-o",
        "out.xml"), _imported),
    "odt-with-xinclude": Valid(_with_file("x.odt", odt_with_content(
        '<text:p xmlns:xi="http://www.w3.org/2001/XInclude">Texte.<xi:include '
        'href="/etc/passwd" parse="text"/></text:p>'), "import", "x.odt", "-o", "out.xml"),
        _imported_without_include),
    "text-with-a-bom": Valid(_with_file("bom.txt", b"\xef\xbb\xbfTexte.", "import", "bom.txt",
                                        "-o", "out.xml", *META), _bom_said),
    "verify-a-read-only-store": Valid(_read_only_store("verify-clean"), _verified,
                                      mount="read-only"),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_unlucky_but_valid_inputs_work(name: str, tmp_path: Path) -> None:
    valid = VALID[name]
    if valid.mount == "dev":
        outcome = _run_with_private_dev(Case(valid.build, ""), tmp_path)
    else:
        outcome = run_case(Case(valid.build, "", shell=valid.shell, mount=valid.mount), tmp_path)
    valid.check(outcome, tmp_path / "work")


def _run_with_private_dev(case: Case, tmp_path: Path) -> Outcome:
    if os.geteuid() != 0:
        if os.environ.get("CI") == "true":
            pytest.fail("a private /dev (mknod) needs root, as CI runs")
        pytest.skip("a private /dev (mknod) needs root")
    work = tmp_path / "work"
    work.mkdir()
    command = " ".join(_quoted(argument) for argument in [str(AMENDTRACK), *case.build(work)])
    before = snapshot(tmp_path)
    result = subprocess.run(namespace(_private_dev_script(command)), cwd=work,
                            capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=_limit,
                            stdin=subprocess.DEVNULL, check=False)
    return Outcome(result, "", before, snapshot(tmp_path))
