"""`amendtrack batch` as a user runs it: output, reruns, messages, exit codes, progress display."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from amendtrack.batch.retrying import DIED
from tests.batch.conftest import DELIBERATIONS, read_records, renderer_source, run
from tests.plugins.test_terminal import Tmux, tmux  # noqa: F401 (the tmux fixture)
from tests.rendering.test_registry import make_distribution

PAIRS = 2 * DELIBERATIONS


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("amendtrack: error: ")]


def test_batch_then_rerun(registry: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    result = run("batch", "--store", registry, "-o", output)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"amendtrack: pairs to compare: {PAIRS}; already done: 0",
        result.stderr.splitlines()[1],
    ]
    assert result.stderr.splitlines()[1].startswith(
        f"amendtrack: pairs compared: {PAIRS}, already done: 0, in ")
    assert "\x1b" not in result.stderr  # a pipe gets plain lines
    assert len(read_records(output)) == PAIRS
    again = run("--store", registry, "batch", "-o", output)
    assert again.returncode == 0
    assert again.stderr.splitlines()[-1] == (
        f"amendtrack: nothing to do: every pair ({PAIRS}) was already done; {output} is up "
        "to date")


def test_folder_source_and_report(registry: Path, tmp_path: Path) -> None:
    folder = tmp_path / "versions"
    shutil.copytree(registry, folder, ignore=shutil.ignore_patterns("*.jsonl", "*store.json"))
    output, report = tmp_path / "out.jsonl", tmp_path / "report.json"
    result = run("batch", folder, "-o", output, "--report", report, "--deliberation",
                 "delib-00002", "--deliberation", "delib-00009")
    assert result.returncode == 0, result.stderr
    records = read_records(output)
    assert [(r["deliberation"], r["old"]["file"]) for r in records] == [
        ("delib-00002", records[0]["old"]["file"]), ("delib-00002", records[1]["old"]["file"]),
        ("delib-00009", records[2]["old"]["file"]), ("delib-00009", records[3]["old"]["file"])]
    assert records[0]["new"]["file"] == records[1]["old"]["file"]
    values = json.loads(report.read_text(encoding="utf-8"))
    assert (values["records"], values["compared"], values["failed"], values["exit_code"]) == (
        4, 4, 0, 0)
    assert len(values["workers"]) == 1 and values["workers"][0]["peak_memory_bytes"] > 0
    assert values["cpu_seconds"] > 0 and values["failures"] == []
    assert values["workers"][0]["cpu_seconds"] == values["cpu_seconds"]


def test_usage_errors_are_one_line_before_any_work(registry: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    cases = [
        (["-o", "-"], "batch needs an output file"),
        (["-o", output, "--to", "nosuch"], "unknown renderer 'nosuch'"),
        (["-o", output, "--to", "odt", "-O", "loud=yes"], "renderer odt has no option 'loud'"),
        (["-o", output, "--acts", tmp_path / "acts"], "--acts and -O need --to"),
        (["-o", output, "--jobs", "2", "--dask", "tcp://127.0.0.1:1"],
         "--jobs and --dask cannot be used together"),
        (["-o", output, "--jobs", "-1"], "--jobs takes a number of processes"),
        (["-o", output, "--since", "yesterday"], "--since takes a date YYYY-MM-DD"),
        (["-o", output, "--deliberation", "nope"], "no deliberation 'nope'"),
        (["-o", tmp_path / "missing" / "out.jsonl"], "cannot write"),
    ]
    for arguments, problem in cases:
        result = run("batch", "--store", registry, *arguments)
        assert result.returncode == 2 or "cannot write" in problem, (arguments, result.stderr)
        lines = error_lines(result.stderr)
        assert len(lines) == 1 and problem in lines[0], (arguments, result.stderr)
        assert "Traceback" not in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["store"]
    missing = run("batch", tmp_path / "nowhere", "-o", output)
    assert missing.returncode == 2 and "not a folder of version files" in missing.stderr


DIFF_ONLY = renderer_source("DiffOnly", "diffonly", """
stream.write(b"changes")
""", views="(View.DIFF,)")


def test_a_renderer_that_cannot_write_acts_is_refused(registry: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_distribution(site, "fake-diffonly", "1.0", {"diffonly": "fake_diffonly:DiffOnly"},
                      {"fake_diffonly": DIFF_ONLY})
    result = run("batch", "--store", registry, "-o", tmp_path / "out.jsonl", "--to",
                 "diffonly", env={"PYTHONPATH": str(site)})
    assert result.returncode == 2
    assert error_lines(result.stderr) == [
        "amendtrack: error: renderer diffonly cannot write the amending act"]
    assert not (tmp_path / "out.jsonl").exists()


def test_unreachable_scheduler_is_one_line(registry: Path, tmp_path: Path) -> None:
    result = run("batch", "--store", registry, "-o", tmp_path / "out.jsonl", "--dask",
                 "tcp://127.0.0.1:9")
    assert result.returncode == 2, result.stderr
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in lines[0]
    assert "Traceback" not in result.stderr


def test_failed_pairs_are_reported_counted_and_set_the_exit_status(registry: Path,
                                                                   tmp_path: Path) -> None:
    for name in ("delib-00001", "delib-00006"):
        newest = sorted((registry / name).glob("*.xml"))[-1]
        newest.write_bytes(newest.read_bytes().replace(b"Article", b"Artikel", 1))
    output = tmp_path / "out.jsonl"
    result = run("batch", "--store", registry, "-o", output, "--jobs", "2")
    assert result.returncode == 1, result.stderr
    lines = error_lines(result.stderr)
    assert len(lines) == 2 and all("was edited since it was recorded" in line for line in lines)
    assert "(delib-00001@2 → delib-00001@3)" in result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        f"amendtrack: failed: 2 of {PAIRS} records (pairs compared: {PAIRS}")
    statuses = [record["status"] for record in read_records(output)]
    assert statuses.count("ok") == PAIRS - 2


KILLER = renderer_source("Killer", "killer", """
if job.new.info.deliberation == "delib-00003":
    os._exit(9)
stream.write(b"ok")
""")


def test_a_pair_that_kills_its_worker_is_given_up_alone(registry: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_distribution(site, "fake-killer", "1.0", {"killer": "fake_killer:Killer"},
                      {"fake_killer": KILLER})
    output = tmp_path / "out.jsonl"
    result = run("batch", "--store", registry, "-o", output, "--jobs", "2", "--chunk-size",
                 "3", "--to", "killer", env={"PYTHONPATH": str(site)})
    assert result.returncode == 1, result.stderr
    records = read_records(output)
    failed = [record for record in records if record["status"] == "error"]
    assert [(r["deliberation"], r["new"]["number"]) for r in failed] == [
        ("delib-00003", 2), ("delib-00003", 3)]
    assert failed[0]["error"]["message"] == DIED
    assert len(records) == PAIRS
    acts = sorted(p.relative_to(tmp_path / "out-acts").as_posix()
                  for p in (tmp_path / "out-acts").rglob("*.txt"))
    assert len(acts) == PAIRS - 2 and "delib-00000/delib-00000@2.txt" in acts


def test_a_terminal_gets_a_progress_bar(registry: Path, tmp_path: Path,
                                        tmux: Tmux) -> None:  # noqa: F811
    output = tmp_path / "out.jsonl"
    screen = tmux.screen([str(Path(run.__globals__["AMENDTRACK"])), "batch", "--store",
                          str(registry), "-o", str(output)], env={"TERM": "xterm-256color"})
    assert "comparing" in screen and f"{PAIRS}/{PAIRS}" in screen
    assert "pairs/s" in screen and "━" in screen
    assert "\x1b[" in screen  # drawn with escape sequences, on a terminal
    assert f"pairs compared: {PAIRS}, already done: 0" in screen
    assert len(read_records(output)) == PAIRS


def test_acts_are_those_of_amend_with_its_warnings_as_notes(registry: Path,
                                                            tmp_path: Path) -> None:
    """Each act is what `amendtrack amend OLD NEW` writes, its warnings in the record."""
    for deletions in ("show", "mention", "hide"):
        output, acts = tmp_path / f"{deletions}.jsonl", tmp_path / f"acts-{deletions}"
        result = run("batch", "--store", registry, "-o", output, "--to", "markdown", "--acts",
                     acts, "--deliberation", "delib-00003", "--deletions", deletions)
        assert result.returncode == 0, result.stderr
        assert ("amendtrack: acts with notes: 2 (facts they state without knowing them, or "
                "deletions they hide)") in result.stderr
        for record in read_records(output):
            old, new = (f"delib-00003@{record[side]['number']}" for side in ("old", "new"))
            amend = run("--store", registry, "amend", old, new, "--to", "markdown", "-o",
                        tmp_path / "amend.md", "--deletions", deletions)
            assert amend.returncode == 0, amend.stderr
            (act,) = record["acts"]
            assert (acts / act["file"]).read_bytes() == (tmp_path / "amend.md").read_bytes()
            warnings = [line.removeprefix("amendtrack: warning: ")
                        for line in amend.stderr.splitlines() if "warning" in line]
            assert act["notes"] == warnings and act["notes"]
            assert any("--deletions hide" in note for note in act["notes"]) == (
                deletions == "hide")
    texts = {d: (tmp_path / f"acts-{d}" / "delib-00003" / "delib-00003@3.md").read_text(
        encoding="utf-8") for d in ("show", "mention", "hide")}
    assert len(set(texts.values())) == 3  # three different acts
    wrong = run("batch", "--store", registry, "-o", tmp_path / "x.jsonl", "--to", "markdown",
                "--deletions", "strike")
    assert wrong.returncode == 2
    assert error_lines(wrong.stderr) == [
        "amendtrack: error: --deletions takes show, mention or hide, not 'strike'"]
