"""The two hostile cases of issue 11 that take more than a moment, under the same 1 GB limit.

- writes killed (SIGKILL) while their temporary file exists leave it behind; the next run to
  the same folder removes it (`test_writes_killed_in_their_window_are_cleaned_up_at_the_next_run`);
- two 40,000-paragraph documents with 1,100 paragraphs rewritten (104 s and 750 MB before the
  diff's budget) diff exactly in bounded memory and time
  (`test_two_40000_paragraph_documents_diff_in_bounded_memory`; timed by bench/hostile_bench.py).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.hostile_inputs import MINIMAL, forty_thousand_paragraphs
from tests.test_hostile import AMENDTRACK, TIMEOUT, _limit


def _big_versions(work: Path, paragraphs: int) -> None:
    body = "".join(f'<p id="p{n}">Alinéa {n} du texte, avec quelques mots de plus.</p>'
                   for n in range(1, paragraphs + 1))
    old = MINIMAL.replace(MINIMAL[MINIMAL.index(b"<body>"):MINIMAL.index(b"</body>")],
                          b"<body>" + body.encode())
    (work / "v.xml").write_bytes(old)
    (work / "v2.xml").write_bytes(
        old.replace(b'date="2022-02-02"', b'date="2022-03-03" modifies="2022-02-02"')
        .replace(b"<seance>2022-02-02</seance>", b"<seance>2022-03-03</seance>")
        .replace(b"Alin\xc3\xa9a 7 du", b"Alin\xc3\xa9a sept du"))


@pytest.mark.slow
def test_writes_killed_in_their_window_are_cleaned_up_at_the_next_run(tmp_path: Path) -> None:
    # SIGKILL while the ODT's temporary file exists (its write and fsync), twelve times.
    from amendtrack.files.temporaries import is_temporary

    work = tmp_path / "work"
    work.mkdir()
    _big_versions(work, 3000)
    killed = 0
    for _ in range(100):
        process = subprocess.Popen([str(AMENDTRACK), "amend", "v.xml", "v2.xml", "-o", "acte.odt"],
                                   cwd=work, stderr=subprocess.DEVNULL, preexec_fn=_limit)
        while process.poll() is None:
            if any(is_temporary(path.name) for path in work.iterdir()):
                process.kill()
                break
        if process.wait() < 0:
            killed += 1
        if killed == 12:
            break
    leftovers = [path.name for path in work.iterdir() if is_temporary(path.name)]
    assert killed == 12 and leftovers, (killed, leftovers)
    result = subprocess.run([str(AMENDTRACK), "amend", "v.xml", "v2.xml", "-o", "acte.odt"],
                            cwd=work, capture_output=True, text=True, timeout=TIMEOUT, check=False,
                            preexec_fn=_limit)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in work.iterdir()) == ["acte.odt", "v.xml", "v2.xml"]


@pytest.mark.slow
def test_two_40000_paragraph_documents_diff_in_bounded_memory(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    forty_thousand_paragraphs(work)
    started = time.monotonic()
    diffed = subprocess.run([str(AMENDTRACK), "diff", "old.xml", "new.xml", "--to", "json", "-o",
                             "a.json"], cwd=work, capture_output=True, text=True, timeout=900,
                            check=False, preexec_fn=_limit)
    took = time.monotonic() - started
    assert diffed.returncode == 0, diffed.stderr[-2000:]
    applied = subprocess.run([str(AMENDTRACK), "apply", "old.xml", "a.json", "-o", "back.xml"],
                             cwd=work, capture_output=True, text=True, timeout=TIMEOUT,
                             check=False, preexec_fn=_limit)
    assert applied.returncode == 0, applied.stderr[-2000:]
    assert (work / "back.xml").read_bytes() == (work / "new.xml").read_bytes()
    print(f"two 40,000-paragraph documents: diffed in {took:.1f} s under a 1 GB limit")
