"""Benchmark of `amendtrack diff --to json` on whole codes (not a test).

For tests/data/legi/large/L2 (Code civil, 1.1 MB) and L3 (Code électoral): import both versions
to XML, then time, each in a fresh process and in the same run:

- amendtrack diff OLD.xml NEW.xml --to json -o OUT.json (end to end, process start included);
- the floor: lxml parsing the same two XML files;
- GNU wdiff and git diff --no-index --word-diff on the two text files;
- Python difflib on words, xmldiff on the XML and redlines on the text (capped, "> CAP s").

Times are the best of 3 runs after a warm-up (1 run for the capped slow peers), wall and CPU,
with bytecode cached as in an installed package (see `child_environment`). It prints
amendtrack's time as ratios to each peer's, amendtrack's peak memory (getrusage of the child)
against the input size, both as a whole and above the peak of the same command on two tiny
versions (interpreter and imports), and the inserted + deleted words against meta.json's
paragraph-aligned counts and its global minimal word diff.

Usage: python bench/diff_bench.py [--cap SECONDS] [L2 L3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
LARGE = ROOT / "tests" / "data" / "legi" / "large"
PYTHON = sys.executable

_PARSE = """
import sys
from lxml import etree
for name in sys.argv[1:]:
    etree.parse(name)
"""
_DIFFLIB = """
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read().split()
b = open(sys.argv[2], encoding="utf-8").read().split()
sum(1 for _ in difflib.ndiff(a, b))
"""
_XMLDIFF = """
import sys
from xmldiff import main
main.diff_files(sys.argv[1], sys.argv[2])
"""
_REDLINES = """
import sys
from redlines import Redlines
Redlines(open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], encoding="utf-8").read(),
         markdown_style="none").output_markdown
"""
_COUNT = """
import json, sys
from amendtrack.diffing import amendment_json
from amendtrack.diffing.tokens import changed_words
amendment = amendment_json.loads(open(sys.argv[1], "rb").read(), sys.argv[1])
print(json.dumps([*changed_words(amendment, fold_typography=False).counts(), amendment.minimal]))
"""


_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


class Timing(NamedTuple):
    """One measured run: wall and CPU seconds (None past the cap), peak memory in bytes."""

    wall: float | None
    cpu: float | None
    memory: int


def child_environment(work: Path) -> dict[str, str]:
    """The environment of measured commands: bytecode cached (in `work`), as once installed.

    A checkout run with PYTHONDONTWRITEBYTECODE would recompile every module at each start.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return environment


def timed(command: list[str], cap: float, environment: dict[str, str]) -> Timing:
    """Wall and CPU time of a child process and its own peak memory.

    The command runs under a fresh intermediate Python whose only child it is, so the
    getrusage figures are that command's alone (ru_maxrss is in kilobytes on Linux); the wall
    time is taken there too, around the command alone (the intermediate's start-up is left out).
    """
    # A session of its own, so that a command past the cap is stopped with its children.
    with subprocess.Popen([PYTHON, "-c", _MEASURE, *command], stdout=subprocess.PIPE,
                          text=True, start_new_session=True, env=environment) as process:
        try:
            out, _ = process.communicate(timeout=cap)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return Timing(None, None, 0)
    wall, cpu, memory = out.split()
    return Timing(float(wall), float(cpu), int(memory) * 1024)


def best_of(command: list[str], cap: float, environment: dict[str, str], runs: int = 3) -> Timing:
    """The best of a few runs (the machine may be shared: noise matters), after a warm-up run
    when `runs` > 1 (it fills the bytecode cache and the file cache)."""
    if runs > 1:
        timed(command, cap, environment)
    results = [timed(command, cap, environment) for _ in range(runs)]
    walls = [r.wall for r in results if r.wall is not None]
    cpus = [r.cpu for r in results if r.cpu is not None]
    if len(walls) < runs:
        return Timing(None, None, 0)
    return Timing(min(walls), min(cpus), max(r.memory for r in results))


def import_versions(folder: Path, work: Path) -> tuple[Path, Path, Path, Path]:
    """Both text versions imported to version XML (through the API, as `import` does)."""
    from amendtrack import version_xml
    from amendtrack.importers.text import version_from_text
    from amendtrack.model import Metadata, VersionInfo

    metadata = Metadata(collectivite="Légifrance", seance="2015-03-22", objet=folder.name)
    paths = []
    for name, date in (("base", "2006-01-01"), ("amended", "2015-03-22")):
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        version = version_from_text(text, metadata, VersionInfo(deliberation="code", date=date))
        version_xml.save(version, work / f"{name}.xml")
        paths.append(work / f"{name}.xml")
    return paths[0], paths[1], folder / "base.txt", folder / "amended.txt"


def baseline_memory(amendtrack: str, work: Path, cap: float, environment: dict[str, str]) -> int:
    """Peak memory of the same command on two one-paragraph versions (imports, interpreter)."""
    from amendtrack import version_xml
    from amendtrack.importers.text import version_from_text
    from amendtrack.model import Metadata, VersionInfo

    metadata = Metadata(collectivite="Légifrance", seance="2015-03-22", objet="tiny")
    info = VersionInfo(deliberation="code", date="2015-03-22")
    texts = ("Article 1\n\nTexte.", "Article 1\n\nTexte, modifié.")
    for name, text in zip(("tiny-old", "tiny-new"), texts, strict=True):
        version = version_from_text(text, metadata, info)
        version_xml.save(version, work / f"{name}.xml")
    command = [amendtrack, "diff", str(work / "tiny-old.xml"), str(work / "tiny-new.xml"),
               "--to", "json", "-o", str(work / "tiny.json")]
    return best_of(command, cap, environment).memory


def bench(name: str, cap: float) -> None:
    """Measure and print one large case."""
    folder = LARGE / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["expected"]
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        environment = child_environment(work)
        old_xml, new_xml, old_txt, new_txt = import_versions(folder, work)
        out = work / "amendment.json"
        amendtrack = shutil.which("amendtrack", path=str(Path(PYTHON).parent)) or "amendtrack"
        ours = best_of([amendtrack, "diff", str(old_xml), str(new_xml), "--to", "json",
                        "-o", str(out)], cap, environment)
        size = old_xml.stat().st_size + new_xml.stat().st_size
        text_size = old_txt.stat().st_size + new_txt.stat().st_size
        print(f"\n== {name}: {text_size / 1e6:.2f} MB of text, {size / 1e6:.2f} MB of XML")
        if ours.wall is None or ours.cpu is None:
            print(f"amendtrack diff --to json: > {cap:.0f} s")
            return
        counted = subprocess.run([PYTHON, "-c", _COUNT, str(out)], check=True,
                                 capture_output=True, text=True)
        inserted, deleted, minimal = json.loads(counted.stdout)
        baseline = baseline_memory(amendtrack, work, cap, environment)
        above = ours.memory - baseline
        print(f"amendtrack diff --to json (end to end, best of 3): {ours.wall:.2f} s "
              f"(CPU {ours.cpu:.2f} s)")
        print(f"  peak memory (max RSS) {ours.memory / 1e6:.0f} MB = "
              f"{ours.memory / size:.1f}x the XML input; above the {baseline / 1e6:.0f} MB of the "
              f"same command on two tiny versions (interpreter + imports): {above / 1e6:.0f} MB = "
              f"{above / size:.1f}x the XML input, {above / text_size:.1f}x the text "
              "(the target, <= 10x, is judged on the XML figure)")
        peers = {
            "lxml parse of both XML files (floor)": [PYTHON, "-c", _PARSE, str(old_xml),
                                                     str(new_xml)],
            "GNU wdiff": ["wdiff", "-s", str(old_txt), str(new_txt)],
            "git diff --no-index --word-diff": ["git", "diff", "--no-index", "--word-diff",
                                                str(old_txt), str(new_txt)],
            "Python difflib on words": [PYTHON, "-c", _DIFFLIB, str(old_txt), str(new_txt)],
            "xmldiff": [PYTHON, "-c", _XMLDIFF, str(old_xml), str(new_xml)],
            "redlines": [PYTHON, "-c", _REDLINES, str(old_txt), str(new_txt)],
        }
        for label, command in peers.items():
            if shutil.which(command[0]) is None:
                print(f"  {label}: not installed")
                continue
            runs = 3 if label.startswith(("lxml", "GNU", "git")) else 1  # the slow ones: once
            _peer(label, best_of(command, cap, environment, runs), ours, cap)
        reference = meta["n_inserted_words"] + meta["n_deleted_words"]
        global_minimal = meta["global_minimal_word_diff"]
        floor = global_minimal["n_inserted_words"] + global_minimal["n_deleted_words"]
        print(f"words inserted {inserted}, deleted {deleted}, total {inserted + deleted} "
              f"(minimal={minimal}); paragraph-aligned reference {reference} "
              f"({100 * (inserted + deleted) / reference - 100:+.1f} %); global minimal {floor} "
              f"({100 * (inserted + deleted) / floor - 100:+.1f} %)")


def _peer(label: str, timing: Timing, ours: Timing, cap: float) -> None:
    assert ours.wall is not None and ours.cpu is not None
    if timing.wall is None or timing.cpu is None:
        print(f"  {label}: > {cap:.0f} s (amendtrack is > {cap / ours.wall:.0f}x faster)")
        return
    ratio = ours.wall / timing.wall
    cpu_ratio = ours.cpu / timing.cpu if timing.cpu else float("inf")
    faster = f", amendtrack is {1 / ratio:.1f}x faster" if ratio < 1 else ""
    print(f"  {label}: {timing.wall:.2f} s (CPU {timing.cpu:.2f} s); amendtrack / it = "
          f"{ratio:.2f}x (CPU {cpu_ratio:.2f}x){faster}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=["L2", "L3"])
    parser.add_argument("--cap", type=float, default=60.0, help="time cap per peer, seconds")
    arguments = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    for name in arguments.names:
        bench(name, arguments.cap)


if __name__ == "__main__":
    main()
