"""The local pool's workers leave when the batch process is gone, even if it died first."""

from __future__ import annotations

import subprocess
import sys
import time


def test_a_worker_whose_batch_is_already_gone_leaves_at_once() -> None:
    # A batch killed while its worker was starting: the worker's parent is already another
    # process (here: this test, never the batch pid it was given), so it leaves at once.
    gone = 2**22 + 12345  # no process has this pid here: above the usual pid_max
    started = time.monotonic()
    worker = subprocess.run(
        [sys.executable, "-c", "import time\nfrom amendtrack.batch.pool import _start_worker\n"
         f"_start_worker({gone})\ntime.sleep(60)\nprint('still here')"],
        capture_output=True, text=True, timeout=50, check=False)
    assert worker.returncode == 1 and "still here" not in worker.stdout
    assert worker.stderr == ""  # it left by itself, not by an error
    assert time.monotonic() - started < 30


def test_a_worker_of_a_living_batch_stays() -> None:
    script = ("import os, time\nfrom amendtrack.batch.pool import _start_worker\n"
              "_start_worker(os.getppid())\ntime.sleep(1.5)\nprint('still here')")
    worker = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=50, check=False)
    assert worker.returncode == 0 and worker.stdout.strip() == "still here", worker.stderr
