"""Benchmark of amendtrack's diff and renderers against the floor and GNU wdiff (not a test).

One run prints, each figure a median of paired, alternating runs (see bench/measure.py):

1. On both corpus codes (tests/data/legi/large: L2 the Code civil, L3 the Code électoral),
   imported as versions: ``diff --to json``, ``--to html``, ``--to terminal`` and
   ``amend -o x.odt`` against the floor (lxml parsing both XML files and serialising one) and
   GNU wdiff on the two text files; the ODT act against the HTML act; the JSON diff with the
   pure-Python engine against the C++ one; the words found against the corpus's reference.
2. A scaling table at 1, 2, 4, 8 and 16 MB (the new version's text), registries built by
   repeating the Code civil with recurring vocabulary: CPU time per MB and peak memory per MB
   of ``diff --to json``, and its peak memory against lxml parsing both files and extracting
   each block's text; then two 40,000-paragraph documents with 1,100 changed paragraphs.
3. Start-up: ``amendtrack --version`` and ``amendtrack diff`` of the 4 KB sample against
   ``python -c pass``, in this environment and, with ``--wheel``, in a throwaway virtual
   environment where amendtrack is installed from a wheel (no editable-install finder).

Usage: python bench/diff_bench.py [--rounds N (15)] [--sizes 1,2,4,8,16]
[--skip codes,scaling,startup] [--wheel] [--quick]

``--quick`` (under a minute, for a check while developing): the Code civil only, one round and
no warm-up run but the first, the scaling table at 1 and 2 MB without the 40,000-paragraph pair,
start-up in three rounds. Its ratios are single measurements: figures for docs/performance.md
come from a full run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import (
    MB,
    ROOT,
    corpus_pair,
    forty_thousand_texts,
    registry_texts,
    save_pair,
    tiny_texts,
)
from measure import environment, median_cpu, peak, ratio, rounds

PYTHON = sys.executable
_FLOOR = (Path(__file__).resolve().parent / "floor.py").read_text(encoding="utf-8")
"""The floor: lxml parsing both XML files and serialising one (`bench/floor.py`, run with -c)."""
_TEXT_FLOOR = ("import sys\nfrom lxml import etree\n"
               "trees = [etree.parse(n) for n in sys.argv[1:]]\n"
               "texts = [[''.join(e.itertext()) for e in t.getroot().iter('{*}p', '{*}h', "
               "'{*}heading', '{*}item', '{*}decision', '{*}signature')] for t in trees]\n")
_COUNT = ("import json, sys\nfrom amendtrack.diffing import amendment_json\n"
          "from amendtrack.diffing.tokens import changed_words\n"
          "a = amendment_json.loads(open(sys.argv[1], 'rb').read(), sys.argv[1])\n"
          "print(json.dumps(changed_words(a, fold_typography=False).counts()))\n")


def amendtrack_command(venv_python: str = PYTHON) -> list[str]:
    """The console script beside `venv_python` (as a user runs it)."""
    script = Path(venv_python).parent / "amendtrack"
    return [str(script)] if script.exists() else [venv_python, "-m", "amendtrack"]


def _code_commands(old: Path, new: Path, texts: list[Path], work: Path, out: Path,
                   ) -> dict[str, tuple[list[str], dict[str, str]]]:
    """The commands of section 1 on one pair (their outputs in `out`)."""
    at, variables = amendtrack_command(), environment(work)
    out.mkdir(parents=True, exist_ok=True)
    return {
        "floor": ([PYTHON, "-c", _FLOOR, str(old), str(new)], variables),
        "wdiff": (["wdiff", *map(str, texts)], variables),
        "json": ([*at, "diff", str(old), str(new), "--to", "json", "-o", str(out / "a.json")],
                 variables),
        "json (python engine)": ([*at, "diff", str(old), str(new), "--to", "json", "-o",
                                  str(out / "p.json")],
                                 environment(work, AMENDTRACK_DIFF_ENGINE="python")),
        "html": ([*at, "diff", str(old), str(new), "--to", "html", "-o", str(out / "d.html")],
                 variables),
        "terminal": ([*at, "diff", str(old), str(new), "--to", "terminal", "-o",
                      str(out / "d.txt")], variables),
        "odt act": ([*at, "amend", str(old), str(new), "-o", str(out / "a.odt")], variables),
        "html act": ([*at, "amend", str(old), str(new), "-o", str(out / "a.html")], variables),
    }


def bench_code(name: str, work: Path, count: int, *, warm_up: bool = True) -> None:
    """Section 1 for one corpus code. Without `warm_up`, each command's warm-up run is on two
    one-paragraph versions (it only fills the bytecode cache)."""
    old, new = corpus_pair(name, work)
    texts = [ROOT / "tests" / "data" / "legi" / "large" / name / f"{s}.txt"
             for s in ("base", "amended")]
    out = work / name
    commands = _code_commands(old, new, texts, work, out)
    if not warm_up:
        tiny = save_pair(tiny_texts(), work / "tiny-warm-up")
        rounds(_code_commands(*tiny, [path.with_suffix(".txt") for path in tiny], work,
                              work / "tiny-warm-up"), 0, work)
    if shutil.which("wdiff") is None:
        del commands["wdiff"]
    results = rounds(commands, count, work, warm_up=warm_up)
    size = sum(path.stat().st_size for path in texts) / MB
    print(f"\n== {name}: {size:.2f} MB of text (both versions), {count} rounds")
    print(f"{'command':24} {'CPU s':>7} {'peak MB':>8} {'x floor':>8} {'x wdiff':>8}")
    for label, runs in results.items():
        versus_wdiff = f"{ratio(runs, results['wdiff']):8.2f}" if "wdiff" in results else "       -"
        print(f"{label:24} {median_cpu(runs):7.3f} {peak(runs) / MB:8.0f} "
              f"{ratio(runs, results['floor']):8.2f} {versus_wdiff}")
    print(f"ODT act / HTML act: {ratio(results['odt act'], results['html act']):.2f}; "
          f"JSON with the Python engine / C++ engine: "
          f"{ratio(results['json (python engine)'], results['json']):.2f}; identical JSON: "
          f"{(out / 'a.json').read_bytes() == (out / 'p.json').read_bytes()}")
    _words(name, out / "a.json")


def _words(name: str, amendment: Path) -> None:
    meta = json.loads((ROOT / "tests" / "data" / "legi" / "large" / name / "meta.json")
                      .read_text(encoding="utf-8"))["expected"]
    counted = subprocess.run([PYTHON, "-c", _COUNT, str(amendment)], check=True,
                             capture_output=True, text=True)
    inserted, deleted = json.loads(counted.stdout)
    reference = meta["n_inserted_words"] + meta["n_deleted_words"]
    print(f"words inserted {inserted}, deleted {deleted}: {inserted + deleted} "
          f"({100 * (inserted + deleted) / reference - 100:+.1f} % against the paragraph-aligned "
          f"reference {reference})")


def bench_scaling(sizes: list[int], work: Path, count: int, *, forty: bool = True) -> None:
    """Section 2: the registry series and (with `forty`) the 40,000-paragraph pair."""
    at, variables = amendtrack_command(), environment(work)
    tiny_old, tiny_new = save_pair(tiny_texts(), work / "tiny")
    baseline = peak(rounds({"tiny": ([*at, "diff", str(tiny_old), str(tiny_new), "--to", "json",
                                      "-o", str(work / "tiny.json")], variables)}, 1, work)["tiny"])
    print(f"\n== scaling: registries of Code civil copies, {count} rounds per size; the same "
          f"command on two one-paragraph versions peaks at {baseline / MB:.0f} MB")
    print(f"{'new text':>9} {'CPU s':>8} {'s/MB':>6} {'x 1st':>6} {'peak MB':>8} "
          f"{'MB/MB':>6} {'x 1st':>6} {'text floor MB':>14} {'x floor':>8}")
    first: tuple[float, float] | None = None
    for size in sizes:
        old, new = save_pair(registry_texts(size * MB), work / f"registry-{size}")
        megabytes = len(_text(new).encode()) / MB
        results = rounds({
            "floor": ([PYTHON, "-c", _TEXT_FLOOR, str(old), str(new)], variables),
            "json": ([*at, "diff", str(old), str(new), "--to", "json", "-o",
                      str(work / f"registry-{size}.json")], variables),
        }, count, work)
        per_mb = median_cpu(results["json"]) / megabytes
        memory_per_mb = (peak(results["json"]) - baseline) / MB / megabytes
        first = first or (per_mb, memory_per_mb)
        print(f"{megabytes:8.2f}M {median_cpu(results['json']):8.2f} {per_mb:6.3f} "
              f"{per_mb / first[0]:6.2f} {peak(results['json']) / MB:8.0f} {memory_per_mb:6.2f} "
              f"{memory_per_mb / first[1]:6.2f} {peak(results['floor']) / MB:14.0f} "
              f"{peak(results['json']) / peak(results['floor']):8.2f}")
        shutil.rmtree(work / f"registry-{size}")
    if forty:
        _forty_thousand(work, count)


def _forty_thousand(work: Path, count: int) -> None:
    old, new = save_pair(forty_thousand_texts(), work / "forty")
    results = rounds({
        "floor": ([PYTHON, "-c", _TEXT_FLOOR, str(old), str(new)], environment(work)),
        "json": ([*amendtrack_command(), "diff", str(old), str(new), "--to", "json", "-o",
                  str(work / "forty.json")], environment(work)),
    }, count, work)
    print(f"two 40,000-paragraph documents, 1,100 paragraphs changed: diff --to json "
          f"{median_cpu(results['json']):.2f} s CPU, peak {peak(results['json']) / MB:.0f} MB "
          f"({peak(results['json']) / peak(results['floor']):.2f}x the text floor)")


def _text(path: Path) -> str:
    from amendtrack import version_xml
    from amendtrack.importers.text import version_text

    return version_text(version_xml.load(path))


def bench_startup(work: Path, count: int, python: str, label: str) -> None:
    """Section 3 in one environment (`python` is its interpreter)."""
    samples = ROOT / "samples" / "aulnoy-ctg-caf"
    at, variables = amendtrack_command(python), environment(work)
    results = rounds({
        "python -c pass": ([python, "-c", "pass"], variables),
        "amendtrack --version": ([*at, "--version"], variables),
        "amendtrack diff (sample)": ([*at, "diff", str(samples / "2022-02-02.xml"),
                                      str(samples / "2022-12-07.xml")], variables),
    }, count, work)
    print(f"\n== start-up, {label}, {count} rounds")
    for name, runs in results.items():
        print(f"{name:26} {median_cpu(runs):6.3f} s CPU  "
              f"{ratio(runs, results['python -c pass']):5.2f}x python -c pass")


def wheel_environment(work: Path) -> str | None:
    """A throwaway virtual environment with amendtrack installed from a wheel, the other
    packages taken from this one; its interpreter, or None (with the reason) if it fails."""
    target = work / "wheel-venv"
    try:
        subprocess.run([PYTHON, "-m", "venv", "--without-pip", str(target)], check=True)
        _build_wheel(work / "wheel")
        subprocess.run([PYTHON, "-m", "pip", "--python", str(target / "bin" / "python"),
                        "install", "--quiet", "--no-deps",
                        *map(str, (work / "wheel").glob("amendtrack-*.whl"))],
                       check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"\n== start-up from a wheel: skipped ({error})")
        return None
    site = next((target / "lib").glob("python*/site-packages"))
    here = next(p for p in map(Path, sys.path) if p.name == "site-packages")
    (site / "amendtrack-bench-dependencies.pth").write_text(f"{here}\n", encoding="utf-8")
    return str(target / "bin" / "python")


def _build_wheel(folder: Path) -> None:
    # Without build isolation when this environment can build it, else pip fetches setuptools.
    command = [PYTHON, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(folder), str(ROOT)]
    if subprocess.run([*command, "--no-build-isolation"], capture_output=True).returncode:
        subprocess.run(command, check=True, capture_output=True)


ROUNDS = 15
"""Paired rounds per comparison by default. The floor is a 0.1 s process: on the shared VM its
CPU time moves between rounds by more than 10 %, and the median of 5 rounds of the Code civil's
JSON diff against it spread from 7.2 to 8.6 within an hour where runs of 15 gave 6.9 to 7.5
(docs/performance.md)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="paired rounds per comparison")
    parser.add_argument("--sizes", default="1,2,4,8,16", help="scaling sizes, MB of new text")
    parser.add_argument("--skip", default="", help="sections to skip: codes,scaling,startup")
    parser.add_argument("--wheel", action="store_true", help="start-up from a wheel install too")
    parser.add_argument("--quick", action="store_true",
                        help="under a minute: the Code civil once, 1 and 2 MB, start-up")
    arguments = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # a long run: show progress
    skip = set(arguments.skip.split(","))
    quick = arguments.quick
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        if "codes" not in skip:
            for name in ("L2",) if quick else ("L2", "L3"):
                bench_code(name, work, 1 if quick else arguments.rounds, warm_up=not quick)
        if "scaling" not in skip:
            sizes = [1, 2] if quick else [int(size) for size in arguments.sizes.split(",")]
            bench_scaling(sizes, work, 1 if quick else max(1, arguments.rounds // 2),
                          forty=not quick)
        if "startup" not in skip:
            count = 3 if quick else 4 * arguments.rounds
            bench_startup(work, count, PYTHON, "this environment")
            wheel = wheel_environment(work) if arguments.wheel else None
            if wheel is not None:
                bench_startup(work, count, wheel, "amendtrack from a wheel")


if __name__ == "__main__":
    main()
