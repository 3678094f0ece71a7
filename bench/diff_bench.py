"""Benchmark of `amendtrack diff --to json` on whole codes (not a test).

For tests/data/legi/large/L2 (Code civil, 1.1 MB) and L3 (Code électoral): import both versions
to XML, then time, each in a fresh process and in the same run:

- amendtrack diff OLD.xml NEW.xml --to json -o OUT.json (end to end, process start included);
- the floor: lxml parsing the same two XML files;
- GNU wdiff and git diff --no-index --word-diff on the two text files;
- Python difflib on words, xmldiff on the XML and redlines on the text (capped, "> CAP s").

It prints ratios to amendtrack's time, amendtrack's peak memory (getrusage of the child) against
the input size, and the inserted + deleted words against meta.json's paragraph-aligned counts and
its global minimal word diff.

Usage: python bench/diff_bench.py [--cap SECONDS] [L2 L3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
from amendtrack import amendment_json
from amendtrack.tokens import changed_words
amendment = amendment_json.loads(open(sys.argv[1], "rb").read(), sys.argv[1])
print(json.dumps([*changed_words(amendment, fold_typography=False).counts(), amendment.minimal]))
"""


_MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed(command: list[str], cap: float) -> tuple[float | None, int]:
    """Wall time of a child process (None past the cap) and its own peak memory in bytes.

    The command runs under a fresh intermediate Python whose only child it is, so the
    getrusage maximum is that command's alone (ru_maxrss is in kilobytes on Linux).
    """
    start = time.perf_counter()
    try:
        done = subprocess.run([PYTHON, "-c", _MEASURE, *command], check=False, timeout=cap,
                              capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        return None, 0
    elapsed = time.perf_counter() - start
    return elapsed, int(done.stdout.strip() or 0) * 1024


def best_of(command: list[str], cap: float, runs: int = 3) -> tuple[float | None, int]:
    """The best of a few runs (the peers are fast: noise matters)."""
    results = [timed(command, cap) for _ in range(runs)]
    times = [t for t, _ in results if t is not None]
    return (min(times) if len(times) == runs else None), max(m for _, m in results)


def import_versions(folder: Path, work: Path) -> tuple[Path, Path, Path, Path]:
    """Both text versions imported to version XML (through the API, as `import` does)."""
    from amendtrack import documents
    from amendtrack.model import Metadata, VersionInfo
    from amendtrack.text_import import version_from_text

    metadata = Metadata(collectivite="Légifrance", seance="2015-03-22", objet=folder.name)
    paths = []
    for name, date in (("base", "2006-01-01"), ("amended", "2015-03-22")):
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        version = version_from_text(text, metadata, VersionInfo(deliberation="code", date=date))
        documents.save(version, work / f"{name}.xml")
        paths.append(work / f"{name}.xml")
    return paths[0], paths[1], folder / "base.txt", folder / "amended.txt"


def bench(name: str, cap: float) -> None:
    folder = LARGE / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["expected"]
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        old_xml, new_xml, old_txt, new_txt = import_versions(folder, work)
        out = work / "amendment.json"
        amendtrack = shutil.which("amendtrack", path=str(Path(PYTHON).parent)) or "amendtrack"
        ours, memory = best_of([amendtrack, "diff", str(old_xml), str(new_xml), "--to", "json",
                                "-o", str(out)], cap)
        counted = subprocess.run([PYTHON, "-c", _COUNT, str(out)], check=True,
                                 capture_output=True, text=True)
        inserted, deleted, minimal = json.loads(counted.stdout)
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
        size = old_xml.stat().st_size + new_xml.stat().st_size
        text_size = old_txt.stat().st_size + new_txt.stat().st_size
        print(f"\n== {name}: {meta.get('derivation', '')[:0]}{text_size / 1e6:.2f} MB of text, "
              f"{size / 1e6:.2f} MB of XML")
        if ours is None:
            print(f"amendtrack diff --to json: > {cap:.0f} s")
            return
        print(f"amendtrack diff --to json (end to end): {ours:.2f} s, "
              f"peak memory {memory / 1e6:.0f} MB = {memory / text_size:.1f}x the text input")
        for label, command in peers.items():
            if shutil.which(command[0]) is None:
                print(f"  {label}: not installed")
                continue
            runs = 3 if label.startswith(("lxml", "GNU", "git")) else 1
            elapsed, _ = best_of(command, cap, runs)
            if elapsed is None:
                print(f"  {label}: > {cap:.0f} s (amendtrack is > {cap / ours:.0f}x faster)")
            else:
                print(f"  {label}: {elapsed:.2f} s; amendtrack / it = {ours / elapsed:.1f}x")
        reference = meta["n_inserted_words"] + meta["n_deleted_words"]
        global_minimal = meta["global_minimal_word_diff"]
        floor = global_minimal["n_inserted_words"] + global_minimal["n_deleted_words"]
        print(f"words inserted {inserted}, deleted {deleted}, total {inserted + deleted} "
              f"(minimal={minimal}); paragraph-aligned reference {reference} "
              f"({100 * (inserted + deleted) / reference - 100:+.1f} %); global minimal {floor} "
              f"({100 * (inserted + deleted) / floor - 100:+.1f} %)")


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
