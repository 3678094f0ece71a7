"""The large cases of issue 11, timed against their floor in one run (CPU time, medians).

    .venv/bin/python bench/hostile_bench.py [--runs 3] [--quick]

- Markdown: 16 kB of ``*_`` and 650 kB of nested ``<b>``, each against the import of the same
  number of bytes of plain prose (the floor: what reading that much Markdown costs anyway);
- the diff: two 40,000-paragraph documents with 1,100 paragraphs rewritten, against the diff of
  a document with itself (the floor: reading, hashing and aligning the same two files).

Each command runs as the real console script, alternating case and floor, and the ratio of the
medians is printed with the peak memory (the hostile-input suite runs the same cases under a
1 GB address-space limit). ``--quick`` runs each pair once (under a minute).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AMENDTRACK = Path(sys.executable).parent / "amendtrack"
META = ["--meta", "collectivite=Ville", "--meta", "seance=2022-02-02", "--meta", "objet=Essai"]


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """CPU seconds of a child, and its own peak resident memory in MB (`os.wait4`)."""
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def compare(label: str, case: list[str], floor: list[str], cwd: Path, runs: int) -> None:
    """Run case and floor alternately; print medians and their ratio."""
    cases, floors, peak = [], [], 0
    for _ in range(runs):
        seconds, memory = timed(case, cwd)
        cases.append(seconds)
        peak = max(peak, memory)
        floors.append(timed(floor, cwd)[0])
    case_time, floor_time = statistics.median(cases), statistics.median(floors)
    print(f"{label:<44} {case_time:7.2f} s  floor {floor_time:6.2f} s  "
          f"ratio {case_time / floor_time:5.1f}  peak {peak} MB")


def main() -> None:
    """Build the cases in a temporary folder and time them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run of each (under a minute)")
    arguments = parser.parse_args()
    runs = 1 if arguments.quick else arguments.runs
    from tests.hostile_inputs import forty_thousand_paragraphs

    with tempfile.TemporaryDirectory(prefix="amendtrack-bench-") as folder:
        work = Path(folder)
        prose = "Le conseil municipal adopte la délibération suivante. "
        for name, data in (("stars.md", "*_" * 8000), ("bold.md", "<b>" * 100_000 + "x"
                                                        + "</b>" * 100_000)):
            (work / name).write_text(data)
            (work / f"floor-{name}").write_text((prose * (len(data) // len(prose) + 1))[:len(data)])
            compare(f"Markdown {name} ({len(data):,} bytes)",
                    [str(AMENDTRACK), "import", name, "-o", "out.xml", *META],
                    [str(AMENDTRACK), "import", f"floor-{name}", "-o", "out.xml", *META],
                    work, runs)
        forty_thousand_paragraphs(work)
        compare("diff of two 40,000-paragraph documents",
                [str(AMENDTRACK), "diff", "old.xml", "new.xml", "--to", "json", "-o", "a.json"],
                [str(AMENDTRACK), "diff", "old.xml", "old.xml", "--to", "json", "-o", "a.json"],
                work, runs)


if __name__ == "__main__":
    main()
