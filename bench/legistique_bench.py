"""Benchmark of the légistique (not a test): speed on a whole code, coverage on real bills.

Speed. For tests/data/legi/large/L2 (the Code civil, 1.1 MB) and L3 (the Code électoral),
both versions imported to XML, three commands run as separate processes, in paired rounds
(each round runs the three, in a rotating order, so that the shared machine's drift hits them
alike):

- amendtrack diff OLD.xml NEW.xml --to json -o A.json (the peer);
- amendtrack diff OLD.xml NEW.xml --to legistique -o wording.txt;
- amendtrack apply-instructions OLD.xml wording.txt -o applied.xml.

It prints the median CPU time (user + system of the child) of each and the ratios to the JSON
diff; the goal is 3x or less for both légistique commands. It also checks once that the
applied version gives NEW's text exactly.

Coverage. For each bill of tests/data/bills, every provision is read
(`amendtrack.legistique.reader.read`): the amending ones (not the bill's own « Article 2 »
lines, not the provisions that change no text) are read into instructions or headers, or not
read; it prints the share read and each one not read with its reason.

Usage: python bench/legistique_bench.py [--rounds N | --quick] [--skip-speed] [L2 L3]
(--quick: one round, for a check in under a minute; its ratios are rough).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from diff_bench import PYTHON, child_environment, import_versions, timed

ROOT = Path(__file__).resolve().parent.parent
LARGE = ROOT / "tests" / "data" / "legi" / "large"
BILLS = ROOT / "tests" / "data" / "bills"
GOAL = 3.0
CAP = 600.0


def _commands(amendtrack: str, old: Path, new: Path, work: Path) -> dict[str, list[str]]:
    wording = work / "wording.txt"
    return {
        "diff --to json": [amendtrack, "diff", str(old), str(new), "--to", "json", "-o",
                           str(work / "a.json")],
        "diff --to legistique": [amendtrack, "diff", str(old), str(new), "--to", "legistique",
                                 "-o", str(wording)],
        "apply-instructions": [amendtrack, "apply-instructions", str(old), str(wording), "-o",
                               str(work / "applied.xml")],
    }


def _exact(work: Path, amended_text: Path) -> bool:
    from amendtrack import version_xml
    from amendtrack.importers.text import version_text

    applied = version_text(version_xml.load(work / "applied.xml"))
    return applied == amended_text.read_text(encoding="utf-8")


def speed(name: str, rounds: int) -> None:
    """Paired rounds of the three commands on one whole code; medians and ratios."""
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        environment = child_environment(work)
        old, new, _, amended = import_versions(LARGE / name, work)
        amendtrack = shutil.which("amendtrack", path=str(Path(PYTHON).parent)) or "amendtrack"
        commands = _commands(amendtrack, old, new, work)
        for command in commands.values():  # warm-up: bytecode and file caches, the wording
            timed(command, CAP, environment)
        cpu: dict[str, list[float]] = {label: [] for label in commands}
        labels = list(commands)
        for round_number in range(rounds):
            shift = round_number % len(labels)
            for label in labels[shift:] + labels[:shift]:
                if label == "apply-instructions" and not (work / "wording.txt").exists():
                    continue
                timing = timed(commands[label], CAP, environment)
                if timing.cpu is None:
                    print(f"{label}: > {CAP:.0f} s")
                    return
                cpu[label].append(timing.cpu)
        medians = {label: statistics.median(times) for label, times in cpu.items()}
        peer = medians["diff --to json"]
        print(f"\n== {name}: medians of {rounds} paired rounds, CPU seconds")
        for label, median in medians.items():
            ratio = median / peer
            verdict = "" if label == "diff --to json" else (
                f"  (goal <= {GOAL:.0f}x: {'met' if ratio <= GOAL else 'NOT met'})")
            print(f"  {label:<22} {median:6.2f} s  = {ratio:4.2f}x the JSON diff{verdict}")
        print(f"  applying the wording gives NEW exactly: {_exact(work, amended)}")


def coverage() -> None:
    """The share of the bills' amending alinéas read, and each one not read."""
    from amendtrack.legistique.reader import read

    total = read_count = 0
    for bill in sorted(BILLS.glob("*.txt")):
        provisions = read(bill.read_text(encoding="utf-8"), bill.name)
        amending = [p for p in provisions if p.amending]
        unread = [p for p in amending if p.problem is not None]
        no_change = [p for p in provisions if not p.amending and not p.heading]
        total += len(amending)
        read_count += len(amending) - len(unread)
        print(f"\n== {bill.name}: {len(amending) - len(unread)} of {len(amending)} amending "
              f"alinéas read; {len(no_change)} provisions that change no text reported; "
              f"{sum(p.heading for p in provisions)} article lines of the bill itself")
        for provision in unread:
            print(f"  not read, line {provision.line}: {provision.problem}")
    share = 100 * read_count / total if total else 100.0
    print(f"\ncoverage: {read_count} of {total} amending alinéas read = {share:.1f} % "
          "(goal >= 95 %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=["L2"])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--quick", action="store_true", help="one round only")
    arguments = parser.parse_args()
    if not arguments.skip_speed:
        for name in arguments.names:
            speed(name, 1 if arguments.quick else arguments.rounds)
    coverage()


if __name__ == "__main__":
    main()
