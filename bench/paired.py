"""Paired, alternating runs of a few commands given on the command line (not a test).

For a comparison the benchmark does not make, or with more rounds than it makes: every command
runs once per round, in turn, after one warm-up run each, with the benchmark's environment and
launcher (`bench/measure.py`: CPU time and peak memory from ``wait4``, bytecode cached, a fixed
hash seed). Each command is one shell-like string, split with `shlex` (no shell runs it).

Usage: python bench/paired.py ROUNDS 'REFERENCE COMMAND' 'COMMAND' ...

Prints, for each command, the median CPU time, the peak memory and the median over the rounds
of its CPU time over the reference's (the first command) in the same round.

Example (docs/performance.md): the Code civil pair saved as the benchmark saves it, then the
floor, GNU wdiff and the JSON diff, from the repository with the virtual environment active:

    python -c 'import sys; sys.path[:0] = ["bench"]; from pathlib import Path
    from inputs import corpus_pair; corpus_pair("L2", Path("/tmp/p"))'
    python bench/paired.py 15 'python bench/floor.py /tmp/p/L2/base.xml /tmp/p/L2/amended.xml' \\
        'wdiff /tmp/p/L2/base.txt /tmp/p/L2/amended.txt' \\
        'amendtrack diff /tmp/p/L2/base.xml /tmp/p/L2/amended.xml --to json -o /tmp/x.json'
"""

from __future__ import annotations

import shlex
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import environment, median_cpu, peak, ratio, rounds

MB = 2**20


def main(arguments: list[str]) -> int:
    if len(arguments) < 2 or not arguments[0].isdigit() or int(arguments[0]) < 1:
        print(__doc__.split("\n\n")[2], file=sys.stderr)
        return 2
    count, texts = int(arguments[0]), arguments[1:]
    with tempfile.TemporaryDirectory() as temporary:
        variables = environment(Path(temporary))
        commands = {text: (shlex.split(text), variables) for text in texts}
        results = rounds(commands, count, Path.cwd())
    reference = results[texts[0]]
    print(f"{count} rounds; ratios are to: {texts[0]}")
    print(f"{'CPU s':>7} {'peak MB':>8} {'x ref':>6}  command")
    for text, runs in results.items():
        print(f"{median_cpu(runs):7.3f} {peak(runs) / MB:8.0f} "
              f"{ratio(runs, reference):6.2f}  {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
