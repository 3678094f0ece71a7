"""Measuring commands for the benchmarks: paired, alternating runs, medians of CPU time.

The machine is shared and noisy: every command of a comparison runs once per round, in turn,
each in a fresh process, and a ratio is the median over the rounds of the ratio inside one
round (the two commands ran side by side, under the same load). CPU time (user + system) and
peak memory come from `os.wait4` in a small launcher (`run`), so they are the command's own;
bytecode is cached as in an installed package (`environment`).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
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


_LAUNCHER = """\
import os, sys
cwd, program, *command = sys.argv[1:]
os.chdir(cwd)
null = os.open(os.devnull, os.O_WRONLY)
pid = os.posix_spawn(program, command, os.environ,
                     file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def run(command: Sequence[str], variables: Mapping[str, str], cwd: Path) -> Run:
    """Run `command` once, its output discarded; its own CPU time and peak memory.

    Started by a small launcher (``python -I -S``, a few MB), which reads the command's
    figures from `os.wait4`: a process's peak memory counts the memory of the process it was
    spawned from (Linux carries the parent's high-water mark over the exec, with fork and
    with posix_spawn alike), and the benchmark itself holds its inputs.
    """
    program = shutil.which(command[0]) or command[0]
    launched = subprocess.run([sys.executable, "-I", "-S", "-c", _LAUNCHER, str(cwd), program,
                               *command], env=dict(variables), capture_output=True, text=True,
                              check=True)
    code, cpu, memory = launched.stdout.split()
    if int(code) not in (0, 1):  # wdiff exits 1 when the files differ
        raise RuntimeError(f"{command[0]} exited with {code}: {' '.join(command)}")
    return Run(float(cpu), int(memory) * 1024)


def rounds(commands: Mapping[str, tuple[Sequence[str], Mapping[str, str]]], count: int,
           cwd: Path, *, warm_up: bool = True) -> dict[str, list[Run]]:
    """Each command once per round, in turn, after one warm-up run of each (without
    `warm_up`, of the first only: it fills the bytecode cache the others share)."""
    for command, variables in list(commands.values())[:None if warm_up else 1]:
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
