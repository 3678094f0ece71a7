"""Benchmark of the versioned store: list, log and show ID@latest on a big store.

Generates (once, then reuses) a store of 10,000 deliberations with 3 versions each, then times
the real commands as a user runs them (`amendtrack list`, `log ID`, `show ID@latest`), the
bare start-up of the CLI for comparison, and a few durable `add`s on the big store.

    python bench/store_bench.py [--store DIR] [--deliberations N] [--repeat K]
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from amendtrack.importers.text import version_from_text
from amendtrack.model import Metadata, ModifyingAct, VersionInfo
from amendtrack.store import Store, init_store

AMENDTRACK = Path(sys.executable).parent / "amendtrack"
PARAGRAPHS = (
    "Le Conseil Municipal, après en avoir délibéré, décide d’approuver la convention n° {n}.",
    "Vu le Code général des collectivités territoriales, et notamment l’article L. 2121-29 ;",
    "Monsieur le Maire expose qu’il convient de signer l’avenant « {n} » avec la CAF du Nord.",
    "Le montant de la participation s’élève à {n} 500,00 € pour l’année {year}.",
)


def generate(root: Path, count: int) -> None:
    """A store of `count` deliberations with 3 versions each (not fsynced: bulk generation)."""
    if root.exists():
        shutil.rmtree(root)
    store = Store(init_store(root), durable=False)
    start = time.perf_counter()
    for number in range(count):
        identifier = f"delib-{number:05d}"
        metadata = Metadata(collectivite="Ville d’Aulnoy-lez-Valenciennes",
                            seance="2022-02-02", objet=f"Convention n° {number}")
        texts = [p.format(n=number, year=2022) for p in PARAGRAPHS]
        for step in range(3):
            date = (datetime.date(2022, 2, 2) + datetime.timedelta(days=100 * step)).isoformat()
            act = None if step == 0 else ModifyingAct(date=date, numero=f"{number}.{step}")
            info = VersionInfo(identifier, date, modifies=None if step == 0 else "2022-02-02",
                               act=act)
            if step:
                texts[3] = texts[3].replace(f"{2021 + step}", f"{2022 + step}")
                texts.insert(1, f"Article {step} ajouté par l’acte n° {number}.{step}.")
            store.add(version_from_text("\n\n".join(texts), metadata, info))
        if number and number % 1000 == 0:
            print(f"  generated {number} deliberations "
                  f"({time.perf_counter() - start:.0f} s)", flush=True)
    (root / ".bench-complete").write_text(str(count))


def timed(arguments: list[str], repeat: int) -> tuple[float, str]:
    """Median wall time of a command, and its output."""
    times = []
    output = ""
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(arguments, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(arguments)} failed: {result.stderr}")
        output = result.stdout
    return statistics.median(times), output


def main() -> None:
    """Generate the store if needed, then print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/amendtrack-bench-store"))
    parser.add_argument("--deliberations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    root: Path = options.store
    marker = root / ".bench-complete"
    if not marker.exists() or marker.read_text() != str(options.deliberations):
        print(f"generating {options.deliberations} deliberations × 3 versions in {root} …")
        start = time.perf_counter()
        generate(root, options.deliberations)
        print(f"generated in {time.perf_counter() - start:.1f} s")
    store = ["--store", str(root)]
    middle = f"delib-{options.deliberations // 2:05d}"
    baseline, _ = timed([str(AMENDTRACK), "--version"], options.repeat)
    rows = [("amendtrack --version (start-up)", baseline, "")]
    for label, arguments in (
        ("list", ["list", *store]),
        ("list --json", ["list", "--json", *store]),
        (f"log {middle}", ["log", middle, *store]),
        (f"show {middle}@latest", [*store, "show", f"{middle}@latest", "--to", "xml"]),
        ("verify", ["verify", *store]),
    ):
        seconds, output = timed([str(AMENDTRACK), *arguments], options.repeat)
        lines = len(output.splitlines())
        rows.append((label, seconds, f"{lines} lines, ×{seconds / baseline:.1f} start-up"))
    from amendtrack.store.revisions import resolve_revision

    start = time.perf_counter()
    for _ in range(options.repeat):
        resolve_revision(f"{middle}@latest", root)
    rows.append((f"resolve_revision('{middle}@latest') in-process",
                 (time.perf_counter() - start) / options.repeat, ""))
    durable = Store.open(root)
    start = time.perf_counter()
    for number in range(20):
        info = VersionInfo("bench-add", "2030-01-01")
        metadata = Metadata(collectivite="Ville", seance="2030-01-01", objet="Bench")
        durable.add(version_from_text(f"Ajout {number} {time.time()}", metadata, info))
    rows.append(("add (durable, in-process, mean of 20)", (time.perf_counter() - start) / 20,
                 ""))
    print(f"\nstore: {root} ({options.deliberations} deliberations × 3 versions), "
          f"median of {options.repeat} runs")
    for label, seconds, extra in rows:
        print(f"  {label:<58} {seconds * 1000:8.1f} ms  {extra}")


if __name__ == "__main__":
    main()
