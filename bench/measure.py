"""Measuring commands for the benchmarks: paired, alternating runs, medians of CPU time.

The machine is shared and noisy: every command of a comparison runs once per round, in turn,
each in a fresh process, and a ratio is the median over the rounds of the ratio inside one
round (the two commands ran side by side, under the same load). CPU time (user + system) and
peak memory come from `os.wait4`, so they are the child's own; bytecode is cached as in an
installed package (`environment`).
"""

from __future__ import annotations

import os
import shutil
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple


class Run(NamedTuple):
    """One run of a command: CPU seconds (user + system) and peak resident memory in bytes."""

    cpu: float
    memory: int


def environment(work: Path, **extra: str) -> dict[str, str]:
    """The environment of measured commands: bytecode cached in `work`, a fixed hash seed.

    A checkout run with PYTHONDONTWRITEBYTECODE would recompile every module at each start.
    """
    variables = dict(os.environ)
    variables.pop("PYTHONDONTWRITEBYTECODE", None)
    variables["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    variables["PYTHONHASHSEED"] = "0"
    variables.update(extra)
    return variables


def run(command: Sequence[str], variables: Mapping[str, str], cwd: Path) -> Run:
    """Run `command` once, its output discarded; its own CPU time and peak memory.

    Started with posix_spawn, not fork: a forked child's peak memory would count the
    benchmark's own pages, copied until the exec.
    """
    program = shutil.which(command[0]) or command[0]
    null = [(os.POSIX_SPAWN_OPEN, descriptor, os.devnull, os.O_WRONLY, 0) for descriptor in (1, 2)]
    previous = Path.cwd()
    os.chdir(cwd)  # posix_spawn has no cwd argument before Python 3.13
    try:
        pid = os.posix_spawn(program, list(command), dict(variables), file_actions=null)
    finally:
        os.chdir(previous)
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # wdiff exits 1 when the files differ
        raise RuntimeError(f"{command[0]} exited with {code}: {' '.join(command)}")
    return Run(usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def rounds(commands: Mapping[str, tuple[Sequence[str], Mapping[str, str]]], count: int,
           cwd: Path) -> dict[str, list[Run]]:
    """Each command once per round, in turn, after one warm-up run of each."""
    for command, variables in commands.values():
        run(command, variables, cwd)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(count):
        for name, (command, variables) in commands.items():
            results[name].append(run(command, variables, cwd))
    return results


def median_cpu(runs: Sequence[Run]) -> float:
    """The median CPU time of a command's runs."""
    return statistics.median(r.cpu for r in runs)


def peak(runs: Sequence[Run]) -> int:
    """The largest peak memory of a command's runs (memory is not noisy: the worst is kept)."""
    return max(r.memory for r in runs)


def ratio(runs: Sequence[Run], reference: Sequence[Run]) -> float:
    """The median over rounds of the CPU time of `runs` over that of `reference`."""
    return statistics.median(a.cpu / b.cpu for a, b in zip(runs, reference, strict=True))


__all__ = ["Run", "environment", "median_cpu", "peak", "ratio", "rounds", "run"]
