"""The Dask engine on a real LocalCluster (two worker processes, no dashboard, a temporary
folder): the same Extraction byte for byte as one process, on the seeds and on 60 generated
sources; a worker killed mid-run; workers that run another briefer; a worker that reads another
text than the client; Ctrl-C; and the one-line errors of a bad or unusable --scheduler."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import distributed
import pytest

from briefer import ingest
from briefer.config import load_themes
from briefer.core import AnalyseOptions, analyse
from briefer.engines.dask_cluster import local_cluster_options
from briefer.errors import UsageError
from briefer.jsonio import dump_extraction
from briefer.parallel import source_records
from briefer.pipeline import ExtractOptions, extract

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PEOPLE = ["Minister Alda Verne", "Governor Tomas Reeb", "Dr. Ines Marlow", "Mayor Kofi Brandt", "Judge Ona Pell"]
PLACES = ["Port Elsmere", "Varnholt", "the Dunmore valley", "Lake Oster", "Kestrel Bay"]
THINGS = ["bridge", "water plant", "rail line", "school", "clinic", "harbour wall"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
THEMES = """title = "Works"
[themes.building]
title = "Building"
terms = ["bridge", "rail line", "harbour wall", "school"]
[themes.health]
title = "Health"
terms = ["clinic", "water plant", "patients"]
"""


def made_up(i: int) -> str:
    """A small made-up news item: a dated claim, a quote, figures; never twice the same."""
    who, where = PEOPLE[i % 5], PLACES[(i * 3) % 5]
    thing, day, n = THINGS[i % 6], DAYS[(i * 7) % 5], 10 + (i * 13) % 90
    return (f"{who} said on {day} that the {thing} in {where} would cost {n} million dollars.\n\n"
            f"“We will open the {thing} before the rains,” {who.split()[-1]} told reporters in {where}.\n\n"
            f"The ministry counted {n * 4} patients and {i + 3} new teachers in {where} last year, "
            f"up from {n * 3} a year earlier.\n\n"
            f"Work on the {THINGS[(i + 1) % 6]} stopped in March {2020 + i % 5} after floods, "
            f"the agency reported.\n")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two single-threaded worker processes, as `local:2` starts them; a client for the tests."""
    folder = tmp_path_factory.mktemp("dask")
    with distributed.LocalCluster(**local_cluster_options(2, str(folder))) as local, \
            distributed.Client(local) as client:
        yield local.scheduler_address, client


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    for i in range(60):
        (folder / f"item{i:02}.txt").write_text(made_up(i), encoding="utf-8")
    (folder / "themes.toml").write_text(THEMES, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def one_process(generated) -> bytes:
    themes = load_themes(generated / "themes.toml")
    return dump_extraction(extract([generated], themes, ExtractOptions(jobs=1, batch_size=4)))


def test_seeds_on_the_cluster_are_the_same_bytes_as_one_process(cluster, seed_themes, seed_extraction):
    address, _ = cluster
    on_cluster = extract([SEEDS], seed_themes, ExtractOptions(scheduler=address))
    assert dump_extraction(on_cluster) == dump_extraction(seed_extraction)


def test_local_2_from_the_command_line(tmp_path, generated):
    """The real command line, starting its own two-worker cluster for the build and removing
    its temporary folder after; the file written is the one --jobs 1 writes."""
    from briefer.deliver import write_output

    folder = tmp_path / "three"
    folder.mkdir()
    for name in ("item01.txt", "item02.txt", "item03.txt", "themes.toml"):
        (folder / name).write_bytes((generated / name).read_bytes())
    one, dask = tmp_path / "one.json", tmp_path / "dask.json"
    write_output(str(one), dump_extraction(extract([folder], load_themes(folder / "themes.toml"),
                                                   ExtractOptions(jobs=1))))
    run = subprocess.run([sys.executable, "-m", "briefer", "extract", str(folder), "--format", "json", "-q",
                          "--no-cache", "-o", str(dask), "--scheduler", "local:2"], cwd=ROOT, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)},
                         timeout=300)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert dask.read_bytes() == one.read_bytes()
    assert not list(tmp_path.glob("briefer-dask-*")), "the cluster's temporary folder is removed"


def test_generated_sources_on_the_cluster_are_the_same_bytes(cluster, generated, one_process, caplog):
    address, _ = cluster
    themes = load_themes(generated / "themes.toml")
    seen: list[int] = []
    # batch 2: eight shards, more than the engine queues at once on two workers (six)
    opts = ExtractOptions(scheduler=address, batch_size=2, progress=lambda stage, done, total: seen.append(done))
    with caplog.at_level(logging.INFO, logger="briefer.engines.dask"):
        got = dump_extraction(extract([generated], themes, opts))
    assert got == one_process
    assert seen == sorted(seen) and seen[-1] == 60 and len(seen) == 8, "progress per completed shard"
    said = [r.getMessage() for r in caplog.records if r.name == "briefer.engines.dask"]
    stats = json.loads(said[-1].removeprefix("dask: "))
    texts = sum(len(p.read_bytes()) for p in generated.glob("*.txt"))
    assert stats["sources"] == 60 and stats["shards"] == 8 and stats["resent"] == 0
    assert stats["sent"] < texts, "workers read the files themselves: the texts did not travel"


def test_a_worker_reading_another_text_gets_the_clients_text(cluster, tmp_path):
    """A file changed after ingest (or another file at that path on a worker): the worker asks
    for the text, and the records are those of the text the client read."""
    address, _ = cluster
    for i in range(6):
        (tmp_path / f"n{i}.txt").write_text(made_up(i), encoding="utf-8")
    sources, _ = ingest.load([tmp_path])
    (tmp_path / "n2.txt").write_text(made_up(40), encoding="utf-8")
    options = AnalyseOptions(batch_size=4)
    themes = load_themes(SEEDS / "themes.toml").themes
    assert source_records(sources, themes, options, scheduler=address) == analyse(sources, themes, options)


def test_a_worker_killed_mid_run_is_replaced_and_the_build_completes(cluster, generated, one_process):
    address, client = cluster
    themes = load_themes(generated / "themes.toml")
    before = client.run(os.getpid)
    result: dict[str, object] = {}

    def build() -> None:
        try:
            result["out"] = dump_extraction(extract([generated], themes,
                                                    ExtractOptions(scheduler=address, batch_size=4)))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            result["error"] = exc

    thread = threading.Thread(target=build)
    thread.start()
    victim = None
    end = time.monotonic() + 120
    while victim is None and time.monotonic() < end and thread.is_alive():
        busy = [w for w, tasks in client.processing().items() if tasks and w in before]
        victim = busy[0] if busy else None
        time.sleep(0.05)
    assert victim is not None, "no shard was seen running"
    os.kill(before[victim], signal.SIGKILL)
    thread.join(300)
    assert "error" not in result, result.get("error")
    assert result["out"] == one_process
    client.wait_for_workers(2, timeout=120)
    assert before[victim] not in client.run(os.getpid).values(), "the killed worker was replaced"


def test_workers_running_another_briefer_are_refused_in_one_line(cluster, generated):
    address, client = cluster

    def pretend(version: str) -> None:
        import briefer

        briefer.__version__ = version

    import briefer

    client.run(pretend, "0.0.0-other")
    try:
        with pytest.raises(UsageError) as caught:
            extract([generated], None, ExtractOptions(scheduler=address))
    finally:
        client.run(pretend, briefer.__version__)
    message = str(caught.value)
    assert "runs briefer 0.0.0-other" in message and f"this machine runs briefer {briefer.__version__}" in message
    assert "\n" not in message and caught.value.exit_code == 1


def test_ctrl_c_cancels_the_shards_and_writes_nothing(cluster, generated, tmp_path):
    address, client = cluster
    out = tmp_path / "brief.md"
    proc = subprocess.Popen([sys.executable, "-m", "briefer", "build", str(generated), "-o", str(out),
                             "--no-cache", "-q", "--scheduler", address], cwd=ROOT, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        end = time.monotonic() + 120
        while not any(client.processing().values()) and time.monotonic() < end and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the build ended before a shard was running"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
    assert proc.returncode == 130 and err.decode().strip() == "Interrupted", err.decode()
    assert not out.exists()
    end = time.monotonic() + 30
    while any(client.processing().values()) and time.monotonic() < end:
        time.sleep(0.1)
    assert not any(client.processing().values()), "the cluster stopped working on the build"


def test_without_dask_the_command_says_what_to_install(tmp_path):
    block = ("import sys\n"
             "sys.modules['distributed'] = None  # as if briefer[dask] were not installed\n"
             "from briefer.cli import main\n"
             "sys.argv = ['briefer', *sys.argv[1:]]\n"
             "main()\n")
    out = tmp_path / "x.json"
    run = subprocess.run([sys.executable, "-c", block, "extract", str(SEEDS), "-o", str(out), "--scheduler",
                          "local:2"], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert run.returncode == 1, run.stderr
    assert run.stderr.count("\n") == 1 and "pip install 'briefer[dask]'" in run.stderr, run.stderr
    assert not out.exists()


@pytest.mark.parametrize(("args", "env", "said"), [
    (["--scheduler", "not a scheduler"], {}, "'not a scheduler': give a Dask scheduler address"),
    ([], {"BRIEFER_SCHEDULER": "from the environment"}, "'from the environment'"),
    (["--scheduler", "local:0"], {}, "local:N needs at least one worker"),
    (["--scheduler", "local:2", "--jobs", "2"], {}, "give one"),
])
def test_bad_scheduler_fails_in_one_line(runner, tmp_path, args, env, said):
    from briefer.cli import cli

    result = runner.invoke(cli, ["extract", str(SEEDS), "-o", str(tmp_path / "x.json"), "--no-cache", *args],
                           env=env)
    assert result.exit_code == 1, result.output
    assert said in result.output and result.output.count("\n") == 1, result.output


def test_scheduler_from_the_config_file(runner, tmp_path):
    from briefer.cli import cli

    (tmp_path / "briefer.toml").write_text('scheduler = "from the config"\n', encoding="utf-8")
    result = runner.invoke(cli, ["--config", str(tmp_path / "briefer.toml"), "extract", str(SEEDS), "-o",
                                 str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "'from the config'" in result.output, result.output
    (tmp_path / "empty").mkdir()
    none = runner.invoke(cli, ["--config", str(tmp_path / "briefer.toml"), "extract", str(tmp_path / "empty"),
                               "-o", str(tmp_path / "x.json"), "--scheduler", "none"])
    assert none.exit_code == 2 and "no usable source" in none.output, "past the scheduler, to the sources"


def test_an_unreachable_scheduler_fails_in_one_line(runner, tmp_path, monkeypatch):
    from briefer.cli import cli
    from briefer.engines import dask_cluster

    monkeypatch.setattr(dask_cluster, "CONNECT_S", 2)
    result = runner.invoke(cli, ["extract", str(SEEDS), "-o", str(tmp_path / "x.json"), "--no-cache",
                                 "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert "tcp://127.0.0.1:9: cannot reach the Dask scheduler" in result.output
    assert not (tmp_path / "x.json").exists()
