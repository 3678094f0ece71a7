"""Benchmark of `amendtrack batch`: a generated registry, local processes and a Dask cluster.

Generates (once, then reuses) a store of 10,000 deliberations × 3 versions (`bench/registry.py`:
about 4 KB each, one in 250 with a 150 KB annex), then runs the real command, alternating the
modes round after round (paired runs: each round runs every mode once, in a rotated order):

- ``--jobs 1``, ``--jobs 2``, and ``--dask`` on a two-worker ``LocalCluster`` on 127.0.0.1;
- a resumed run with nothing to do, against ``amendtrack --version`` (the bare start-up);
- peers and floor on a sample of pairs: one ``amendtrack diff --to json`` process per pair (what
  a shell loop does), and the floor: reading both versions and diffing them in this process,
  with no record, no file written, no scheduling.

It prints medians of wall and CPU time (CPU of the batch process and of its workers: ``wait4``
for local runs, the worker processes' own counters for Dask), pairs per second, pairs per
second per core (pairs ÷ CPU seconds: what one core does, start-up included), the speed-up of
two workers, and the peak memory of each worker for registries of growing size (it must stay
flat). The machine's load average is printed before and after, and for each run the cores other
processes kept busy meanwhile (from /proc/stat): a speed-up is only meaningful on a quiet
machine (other processes take the second core).

    python bench/batch_bench.py [--store DIR] [--deliberations N] [--repeat K] [--no-dask]
                                [--sizes 1000,3000] [--quick]

``--quick`` (about a minute on a quiet machine): 600 deliberations (1,200 pairs), three rounds,
no growing registries, ten pairs for the peers and the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

from registry import LARGE_EVERY, generate_store

AMENDTRACK = Path(sys.executable).parent / "amendtrack"
SIZES = "1000,3000"
"""Smaller registries (beside the full one) for the peak memory per worker (``--sizes``)."""
GENERATOR = "registry-2"
"""Bump when bench/registry.py or the version format changes, so stores generated before are
made again (registry-2: version XML format 2; a format-1 store pays the upgrade on every read)."""


def ensure_store(root: Path, count: int) -> Path:
    """The store of `count` deliberations at `root`, generated unless it is already there."""
    marker = root / ".bench-complete"
    if marker.exists() and marker.read_text() == f"{GENERATOR} {count}":
        return root
    print(f"generating {count} deliberations × 3 versions in {root} …", flush=True)
    started = time.perf_counter()
    generate_store(root, count, progress=True)
    marker.write_text(f"{GENERATOR} {count}")
    print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
    return root


def machine_busy() -> float:
    """CPU seconds every process of the machine has used since boot (from /proc/stat)."""
    first = Path("/proc/stat").read_text(encoding="ascii").splitlines()[0]
    ticks = [int(value) for value in first.split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def timed(command: list[str], extra_cpu: Any = None) -> dict[str, Any]:
    """Run `command`; its wall time, CPU time (it and its reaped children) and peak memory,
    and the cores other processes of the machine kept busy meanwhile (``others``)."""
    started = time.perf_counter()
    busy = machine_busy()
    before = extra_cpu() if extra_cpu else 0.0
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} failed: {stderr.decode()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime + ((extra_cpu() - before) if extra_cpu else 0.0)
    others = max(0.0, machine_busy() - busy - cpu) / wall
    return {"wall": wall, "cpu": cpu, "peak": usage.ru_maxrss * 1024, "others": others}


def batch(store: Path, output: Path, mode: list[str], extra_cpu: Any = None) -> dict[str, Any]:
    """One timed run of the batch from scratch, with its report."""
    report = output.with_suffix(".report.json")
    for path in (output, report):
        path.unlink(missing_ok=True)
    figures = timed([str(AMENDTRACK), "batch", "--store", str(store), "-o", str(output),
                     "--report", str(report), *mode], extra_cpu)
    figures["report"] = json.loads(report.read_text(encoding="utf-8"))
    return figures


class Cluster:
    """A two-worker LocalCluster on loopback, and the CPU time its workers have used."""

    def __init__(self) -> None:
        import distributed
        import psutil

        self.cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                                processes=True, host="127.0.0.1",
                                                dashboard_address=None, protocol="tcp://")
        self.client = distributed.Client(self.cluster.scheduler_address)
        self._psutil = psutil

    def address(self) -> str:
        return str(self.cluster.scheduler_address)

    def cpu(self) -> float:
        """CPU seconds of the worker processes so far (the current ones)."""
        total = 0.0
        for pid in self.client.run(os.getpid).values():
            times = self._psutil.Process(pid).cpu_times()
            total += times.user + times.system
        return total

    def close(self) -> None:
        self.client.close()
        self.cluster.close()


def median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def sample_pairs(store: Path, count: int) -> list[tuple[Path, Path]]:
    """`count` consecutive pairs of typical (not large) deliberations."""
    from amendtrack.store import Store

    opened = Store.open(store)
    pairs: list[tuple[Path, Path]] = []
    for name in opened.deliberations():
        if int(name.rsplit("-", 1)[1]) % LARGE_EVERY == LARGE_EVERY - 1:
            continue
        entries = opened.history(name).entries
        pairs += [(opened.path(name, old), opened.path(name, new))
                  for old, new in pairwise(entries)]
        if len(pairs) >= count:
            return pairs[:count]
    return pairs


def floor_rate(pairs: list[tuple[Path, Path]]) -> float:
    """Pairs per CPU second: read both versions and diff them, nothing else."""
    from amendtrack import version_xml
    from amendtrack.diffing.amendments import diff

    diff(version_xml.load(pairs[0][0]), version_xml.load(pairs[0][1]))  # imports, caches
    started = time.process_time()
    for old, new in pairs:
        diff(version_xml.load(old), version_xml.load(new))
    return len(pairs) / (time.process_time() - started)


def loop_rate(pairs: list[tuple[Path, Path]], scratch: Path) -> float:
    """Pairs per CPU second with one `amendtrack diff --to json` process per pair."""
    cpu = 0.0
    for number, (old, new) in enumerate(pairs):
        cpu += timed([str(AMENDTRACK), "diff", str(old), str(new), "--to", "json", "-o",
                      str(scratch / f"pair-{number}.json")])["cpu"]
    return len(pairs) / cpu


def print_modes(modes: dict[str, list[dict[str, Any]]], pairs: int) -> None:
    print(f"\n{'mode':<12} {'wall s':>8} {'CPU s':>8} {'pairs/s':>9} {'pairs/s/core':>13} "
          f"{'worker pairs/CPU s':>19} {'peak/worker MiB':>16}")
    for name, runs in modes.items():
        wall, cpu = median(runs, "wall"), median(runs, "cpu")
        work = statistics.median(run["report"]["cpu_seconds"] for run in runs)
        peak = max(w["peak_memory_bytes"] for run in runs for w in run["report"]["workers"])
        print(f"{name:<12} {wall:8.1f} {cpu:8.1f} {pairs / wall:9.0f} {pairs / cpu:13.0f} "
              f"{pairs / work:19.0f} {peak / 2**20:16.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/amendtrack-batch-bench"))
    parser.add_argument("--deliberations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask runs")
    parser.add_argument("--sample", type=int, default=40, help="pairs for the peer and floor")
    parser.add_argument("--sizes", default=SIZES,
                        help="smaller registries for the memory table (comma-separated)")
    parser.add_argument("--quick", action="store_true",
                        help="600 deliberations, 3 rounds, no growing registries, 10 sample pairs")
    options = parser.parse_args()
    if options.quick:
        options.deliberations, options.repeat, options.sizes, options.sample = 600, 3, "", 10
    print(f"load average before: {os.getloadavg()}; {os.cpu_count()} cores", flush=True)
    root: Path = options.store
    root.mkdir(parents=True, exist_ok=True)
    store = ensure_store(root / f"store-{options.deliberations}", options.deliberations)
    scratch = root / "runs"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    cluster = None if options.no_dask else Cluster()
    modes: dict[str, list[str]] = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"]}
    if cluster is not None:
        modes["--dask"] = ["--dask", cluster.address()]
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in modes}
    try:
        for round_number in range(options.repeat):
            names = list(modes)
            names = names[round_number % len(names):] + names[:round_number % len(names)]
            for name in names:
                extra = cluster.cpu if name == "--dask" and cluster else None
                figures = batch(store, scratch / "out.jsonl", modes[name], extra)
                runs[name].append(figures)
                print(f"  round {round_number + 1} {name:<9} {figures['wall']:7.1f} s wall, "
                      f"{figures['cpu']:7.1f} s CPU; other processes: "
                      f"{figures['others']:.2f} cores", flush=True)
        pairs = runs["--jobs 1"][0]["report"]["compared"]
        resumed = [timed([str(AMENDTRACK), "batch", "--store", str(store), "-o",
                          str(scratch / "out.jsonl")]) for _ in range(options.repeat)]
        startup = [timed([str(AMENDTRACK), "--version"]) for _ in range(options.repeat)]
        sizes = [int(size) for size in options.sizes.split(",") if size]
        peaks = memory_by_size(root, scratch, sizes, options.deliberations, runs)
    finally:
        if cluster is not None:
            cluster.close()
    sample = sample_pairs(store, options.sample)
    floor, loop = floor_rate(sample), loop_rate(sample, scratch)
    report(options, pairs, runs, resumed, startup, peaks, floor, loop)


def memory_by_size(root: Path, scratch: Path, sizes: list[int], full: int,
                   runs: dict[str, list[dict[str, Any]]]) -> list[tuple[int, float, float]]:
    """Peak memory of the workers of ``--jobs 2`` (and of ``--jobs 1``) as the registry grows.

    The full registry's figures are those of its timed runs.
    """
    rows = []
    for size in [s for s in sizes if s < full]:
        store = ensure_store(root / f"store-{size}", size)
        two = batch(store, scratch / f"size-{size}.jsonl", ["--jobs", "2"])
        one = batch(store, scratch / f"size-{size}.jsonl", ["--jobs", "1"])
        rows.append((size, _worker_peak([two]), one["peak"] / 2**20))
    rows.append((full, _worker_peak(runs["--jobs 2"]),
                 max(run["peak"] for run in runs["--jobs 1"]) / 2**20))
    return rows


def cpu_speedup(runs: dict[str, list[dict[str, Any]]]) -> float:
    """What --jobs 2 would gain on two free cores, bounded from CPU times (paired rounds).

    ``--jobs 1`` takes its CPU time; ``--jobs 2`` at least the CPU time of its busiest worker
    plus everything else it spent (the batch process, the workers' start-up), as if none of
    that overlapped the comparing. The median of the rounds.
    """
    ratios = []
    for one, two in zip(runs["--jobs 1"], runs["--jobs 2"], strict=True):
        workers = [worker["cpu_seconds"] for worker in two["report"]["workers"]]
        ratios.append(one["cpu"] / (two["cpu"] - sum(workers) + max(workers)))
    return statistics.median(ratios)


def _worker_peak(runs: list[dict[str, Any]]) -> float:
    return max(w["peak_memory_bytes"] for run in runs for w in run["report"]["workers"]) / 2**20


def report(options: Any, pairs: int, runs: dict[str, list[dict[str, Any]]],
           resumed: list[dict[str, Any]], startup: list[dict[str, Any]],
           peaks: list[tuple[int, float, float]], floor: float, loop: float) -> None:
    print(f"\nregistry: {options.deliberations} deliberations × 3 versions, {pairs} pairs; "
          f"medians of {options.repeat} rounds, modes alternating")
    print_modes(runs, pairs)
    one, two = median(runs["--jobs 1"], "wall"), median(runs["--jobs 2"], "wall")
    others = max(run["others"] for run in runs["--jobs 2"])
    print(f"\nspeed-up of --jobs 2 over --jobs 1 (wall): ×{one / two:.2f}  (goal ≥ 1.6; during "
          f"the --jobs 2 runs other processes kept up to {others:.2f} of the {os.cpu_count()} "
          "cores busy)")
    print(f"  from CPU times alone (two free cores, the batch process's own CPU and the workers' "
          f"start-up counted as serial): ×{cpu_speedup(runs):.2f}")
    if "--dask" in runs:
        print(f"speed-up of --dask (2 workers) over --jobs 1 (wall): "
              f"×{one / median(runs['--dask'], 'wall'):.2f}")
    per_core = pairs / median(runs["--jobs 1"], "cpu")
    print(f"pairs per second per core, --jobs 1, start-up included: {per_core:.0f}  (goal ≥ 100)")
    print(f"\npeers and floor, on {options.sample} typical pairs (CPU time):")
    print(f"  floor (read both versions and diff, in-process): {floor:7.0f} pairs/s;  "
          f"--jobs 1 batch is ×{floor / per_core:.2f} the floor")
    print(f"  one `amendtrack diff --to json` process per pair: {loop:7.1f} pairs/s;  "
          f"the batch is ×{per_core / loop:.0f} faster")
    print(f"\nresumed run with nothing to do: {median(resumed, 'wall'):.2f} s wall, "
          f"{median(resumed, 'cpu'):.2f} s CPU;  bare start-up (--version): "
          f"{median(startup, 'wall'):.2f} s")
    print("\npeak memory as the registry grows (MiB):")
    print(f"  {'deliberations':>13} {'per worker, --jobs 2':>21} {'--jobs 1, whole run':>20}")
    for size, worker, whole in peaks:
        print(f"  {size:>13} {worker:>21.1f} {whole:>20.1f}")
    print(f"\nload average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
