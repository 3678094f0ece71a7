"""Fuzz one reader for a given time, longer than the test suite does:

    .venv/bin/python -m tests.fuzz.run markdown --seconds 600

With atheris installed (``pip install atheris``) the run is coverage-guided, starting from the
committed corpus (new inputs go to ``--work``, not to the corpus); without it, hypothesis draws
mutations of the corpus until the time is up. Either way a crash stops the run with the input
saved, to be added to ``tests/fuzz/corpus/TARGET/`` once fixed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.fuzz.mutations import CORPUS, mutated
from tests.fuzz.targets import TARGETS, run


def _with_atheris(target: str, seconds: int, work: Path) -> bool:
    try:
        import atheris
    except ImportError:
        return False
    work.mkdir(parents=True, exist_ok=True)
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-rss_limit_mb=1024",
                   str(work), str(CORPUS / target)], lambda data: run(target, data))
    atheris.Fuzz()
    return True


def _with_hypothesis(target: str, seconds: int) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    batch = 100

    @settings(max_examples=batch, deadline=None, database=None, print_blob=True,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        run(target, data.draw(mutated(target)))

    stop = time.monotonic() + seconds
    count = 0
    while time.monotonic() < stop:  # batches of fresh random inputs until the time is up
        fuzz()
        count += batch
    return count


def main() -> None:
    """Fuzz the target named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "amendtrack-fuzz-work")
    options = parser.parse_args()
    if not _with_atheris(options.target, options.seconds, options.work / options.target):
        count = _with_hypothesis(options.target, options.seconds)
        print(f"{options.target}: {count:,} inputs in {options.seconds} s, no finding")


if __name__ == "__main__":
    main()
