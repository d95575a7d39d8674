"""Benchmark: the HTTP API under load, through gunicorn with 2 workers on loopback.

    python bench/api.py [--seconds 3] [--connections 1,8,32] [--json]

Starts ``gunicorn -c gunicorn.conf.py`` (2 sync workers, rate limits raised out
of the way but still evaluated) on a free 127.0.0.1 port and drives it with
``wrk`` when installed (``apt-get install wrk``), else with a thread pool of
keep-alive ``http.client`` connections from the standard library. For
``/healthz``, a single-claim ``/v1/score``, a 20-claim story and ``/v1/analyze``
of a ~1,000-word article it prints requests/s and p50/p95/p99 latency at each
concurrency, then the ratio of single-claim scoring to ``/healthz`` throughput.
Targets: ratio >= 0.5; 20-claim p99 <= 50 ms at 8 connections.

Scoring runs twice: the same body on every request (``score-1``, ``story-20``:
a widget showing one story to every reader, where the scorer's memory of
claims and pairs does most of the work) and a body never sent before on every
request (``score-1-new``, ``story-20-new``: each claim carries a made-up word
of its own, so nothing is remembered). Both are reported.

Then ``failed_during_swap``: two model versions are trained beforehand on
synthetic labels into the server's own temporary SQLite database, and while
single-claim ``/v1/score`` runs at 8 connections an admin key activates one,
activates the other and rolls both back over HTTP; every failed request during
that run is counted (target: 0), and the versions the scores named are listed.
Inputs come from ``fixtures/`` or are generated (no data set needed);
everything stays on loopback and every run is bounded by ``--seconds``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# This file is bench/api.py: drop bench/ from the path so ``import api`` finds the service, not this script.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

WRK_SCRIPT = """
wrk.method = "%(method)s"
wrk.headers["Content-Type"] = "application/json"
wrk.body = io.open("%(body)s", "rb"):read()
if wrk.body == "" then wrk.body = nil end
%(many)s
done = function(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout
  local format = 'WRKJSON {"requests": %%d, "seconds": %%f, "p50": %%f, "p95": %%f, "p99": %%f, "failed": %%d}\\n'
  io.write(string.format(format, summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3, bad))
end
"""


WRK_MANY = """
bodies = {}
for line in io.lines("%(bodies)s") do bodies[#bodies + 1] = line end
local made = 0
setup = function(thread) thread:set("first", made); made = made + 1 end
counter = 0
request = function()
  local index = (first or 0) + counter * %(threads)d
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[index %% #bodies + 1])
end
"""
"""Each request its own body (cycled from a file, one JSON document per line; wrk threads interleave)."""

NEW_BODIES = 6000
"""Distinct bodies per "-new" run: more than a run sends, so no story is scored twice."""


def _marker(number: int) -> str:
    """A made-up word from a number ("bqa"…): unique, no digits (numbers would read as quantities)."""
    letters = ""
    number += 26 * 26
    while number:
        number, digit = divmod(number, 26)
        letters = "bcdfghjklmnpqrstvwxzaeiouy"[digit] + letters
    return letters


def _new_stories(claims: int, count: int, run: int) -> list[bytes]:
    """``count`` stories of ``claims`` claims that no earlier request sent: each claim ends with its own word."""
    base = _story(claims)["claims"]
    bodies = []
    for i in range(count):
        number = (run * count + i) * claims
        story = [{**c, "text": f"{c['text']} {_marker(number + k)}"} for k, c in enumerate(base)]
        bodies.append(json.dumps({"claims": story}).encode())
    return bodies


def _story(claims: int) -> dict[str, Any]:
    """A story of ``claims`` claims taken from the fixture stories (ids renumbered)."""
    out: list[dict[str, Any]] = []
    for path in sorted((FIXTURES / "stories").glob("*.json")):
        for claim in json.loads(path.read_text(encoding="utf-8"))["claims"]:
            out.append({"id": f"c{len(out) + 1}", "text": claim["text"], "sources": claim.get("sources", [])})
            if len(out) == claims:
                return {"claims": out}
    return {"claims": out}


def _article(words: int = 1000) -> str:
    """About ``words`` words of fixture articles, cut at a paragraph end."""
    paragraphs: list[str] = []
    count = 0
    for path in sorted((FIXTURES / "articles").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            paragraphs.append(paragraph.strip())
            count += len(paragraph.split())
            if count >= words:
                return "\n\n".join(paragraphs)
    return "\n\n".join(paragraphs)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


ADMIN_KEY = "csk_bench-admin-key-only-valid-on-this-loopback-run"
SUBJECTS = ("exports", "rents", "bus fares", "hospital waits", "rainfall", "crime")
NAMED = ("Reuters", "World Bank", "Ministry of Health", "Associated Press")
ANONYMOUS = ("people familiar with the matter", "a source", "officials speaking on condition of anonymity")


def _labels(n: int, seed: int) -> list[Any]:
    """``n`` synthetic labels whose verdicts follow their sourcing (enough to train a version)."""
    import random

    from scoring.labels import label_from_mapping

    rng = random.Random(seed)
    out = []
    for i in range(n):
        subject = rng.choice(SUBJECTS)
        if i % 3 == 0:
            row = {
                "text": f"Figures show {subject} rose by {rng.randint(2, 40)}%.",
                "verdict": "reliable",
                "sources": [{"name": name} for name in rng.sample(NAMED, 2)],
            }
        elif i % 3 == 1:
            row = {
                "text": f"The agency expects {subject} to fall.",
                "verdict": "uncertain",
                "sources": [{"name": rng.choice(NAMED)}],
            }
        else:
            row = {
                "text": f"Insiders claim {subject} fell secretly.",
                "verdict": "unreliable",
                "sources": [{"mention": rng.choice(ANONYMOUS)}],
            }
        out.append(label_from_mapping(row))
    return out


def prepare_registry(url: str) -> list[str]:
    """Train two versions into a fresh database and leave none active (the default model serves at start)."""
    from api.store import open_store
    from scoring.registry import Registry

    store = open_store(url)
    registry = Registry(store.registry)
    versions = [registry.train(_labels(90, seed))[0].version for seed in (1, 2)]
    while store.registry.active_version() is not None:
        store.registry.rollback("bench")
    store.close()
    return versions


def admin_call(port: int, path: str) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=b"{}",
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {ADMIN_KEY}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def served_version(port: int, body: bytes) -> str:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/score", data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return str(json.load(response)["version"]["model"])
    except OSError as error:  # a probe, not part of the counted load: say what happened and go on
        return f"probe failed ({type(error).__name__})"


def converged_version(port: int, body: bytes, expected: str, within: float = 5.0) -> tuple[str, float]:
    """Probe until three answers in a row name ``expected`` (workers refresh on their own clock).

    Returns the last version seen and the seconds it took (``within`` when it never settled).
    """
    began = time.monotonic()
    streak, seen = 0, ""
    while time.monotonic() - began < within:
        seen = served_version(port, body)
        streak = streak + 1 if seen == expected else 0
        if streak == 3:
            return seen, time.monotonic() - began
        time.sleep(0.05)
    return seen, within


def swap_under_load(port: int, versions: list[str], body: bytes, seconds: float, load: Any) -> dict[str, Any]:
    """Activate, activate, roll back twice while ``load()`` drives /v1/score; count what failed."""
    baseline = served_version(port, body)
    outcome: dict[str, Any] = {}
    runner = threading.Thread(target=lambda: outcome.update(load()))
    runner.start()
    steps = [
        (f"/v1/models/{versions[0]}/activate", versions[0]),
        (f"/v1/models/{versions[1]}/activate", versions[1]),
        ("/v1/models/rollback", versions[0]),
        ("/v1/models/rollback", baseline),
    ]
    pause = seconds / (len(steps) + 1)
    statuses, seen = [], []
    for path, expected in steps:
        time.sleep(pause)
        statuses.append(admin_call(port, path))
        version, took = converged_version(port, body, expected, within=pause)
        seen.append(f"{version} ({took:.2f} s)" if version == expected else f"{version} (expected {expected})")
    runner.join()
    return {"failed": int(outcome.get("failed", -1)), "requests": outcome, "admin": statuses, "seen": seen}


def start_server(port: int, metrics_dir: str, database_url: str) -> subprocess.Popen[bytes]:
    from api.auth import hash_key

    env = {
        **os.environ,
        "CREDSCORE_DATABASE_URL": database_url,
        "CREDSCORE_API_KEYS": json.dumps([{"hash": hash_key(ADMIN_KEY), "role": "admin", "org": "bench"}]),
        "CREDSCORE_MODEL_REFRESH_SECONDS": "0.5",
        "CREDSCORE_BIND": f"127.0.0.1:{port}",
        "CREDSCORE_WORKERS": "2",
        "CREDSCORE_DRAIN_SECONDS": "0",
        "CREDSCORE_RATELIMIT_ANONYMOUS": "100000000 per minute",
        "PROMETHEUS_MULTIPROC_DIR": metrics_dir,
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not become ready within 60 s")


def run_wrk(
    url: str, method: str, body: bytes | list[bytes], connections: int, seconds: float, workdir: Path
) -> dict[str, float]:
    threads = min(connections, 2)
    many = ""
    if isinstance(body, list):
        bodies_path = workdir / "bodies.jsonl"
        bodies_path.write_bytes(b"\n".join(body) + b"\n")
        many = WRK_MANY % {"bodies": bodies_path, "threads": threads}
        body = body[0]
    body_path = workdir / f"body-{abs(hash(body))}.json"
    body_path.write_bytes(body)
    script = workdir / "bench.lua"
    script.write_text(WRK_SCRIPT % {"method": method, "body": body_path, "many": many}, encoding="utf-8")
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "5s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("WRKJSON "))
    data = json.loads(line[len("WRKJSON ") :])
    return {
        "rps": data["requests"] / data["seconds"],
        "p50": data["p50"],
        "p95": data["p95"],
        "p99": data["p99"],
        "failed": data["failed"],
    }


def run_threads(
    host: str, port: int, path: str, method: str, body: bytes | list[bytes], connections: int, seconds: float
) -> dict[str, float]:
    """Standard-library load: one keep-alive connection per thread, for ``seconds``."""
    bodies = body if isinstance(body, list) else [body]
    sent = [0]
    latencies: list[list[float]] = [[] for _ in range(connections)]
    failures = [0] * connections
    stop = time.perf_counter() + seconds
    headers = {"Content-Type": "application/json"}

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=5)
        while time.perf_counter() < stop:
            start = time.perf_counter()
            sent[0] += 1
            try:
                conn.request(method, path, body=bodies[sent[0] % len(bodies)] or None, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failures[index] += 1
            except OSError:
                failures[index] += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=5)
                continue
            latencies[index].append((time.perf_counter() - start) * 1000)
        conn.close()

    began = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - began
    merged = sorted(x for chunk in latencies for x in chunk)
    if not merged:
        return {"rps": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0, "failed": float(sum(failures))}
    q = statistics.quantiles(merged, n=100, method="inclusive")
    return {"rps": len(merged) / elapsed, "p50": q[49], "p95": q[94], "p99": q[98], "failed": float(sum(failures))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="Duration of each run (default 3).")
    parser.add_argument("--connections", default="1,8,32", help="Concurrency levels (default 1,8,32).")
    parser.add_argument("--json", action="store_true", help="Print one JSON object as the last line.")
    args = parser.parse_args()
    levels = [int(x) for x in args.connections.split(",")]
    use_wrk = shutil.which("wrk") is not None
    article = _article()
    # "-new": every request a story no earlier request sent (an editor's fresh draft); without: the same story
    # again and again (a widget on every page view), which the scorer's memory of claims and pairs makes cheap.
    cases: list[tuple[str, str, str, Any]] = [
        ("healthz", "GET", "/healthz", b""),
        ("score-1", "POST", "/v1/score", json.dumps(_story(1)).encode()),
        ("score-1-new", "POST", "/v1/score", lambda run: _new_stories(1, NEW_BODIES, run)),
        ("story-20", "POST", "/v1/score", json.dumps(_story(20)).encode()),
        ("story-20-new", "POST", "/v1/score", lambda run: _new_stories(20, NEW_BODIES // 4, run)),
        (f"analyze-{len(article.split())}w", "POST", "/v1/analyze", json.dumps({"text": article}).encode()),
    ]
    port = _free_port()
    results: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="credscore-bench-") as tmp:
        workdir = Path(tmp)
        metrics_dir = workdir / "metrics"
        metrics_dir.mkdir()
        database_url = f"sqlite:///{workdir / 'credscore.db'}"
        versions = prepare_registry(database_url)
        server = start_server(port, str(metrics_dir), database_url)
        try:
            run = 0
            for name, method, path, make in cases:
                for connections in levels:
                    run += 1
                    body = make(run) if callable(make) else make
                    if use_wrk:
                        row = run_wrk(
                            f"http://127.0.0.1:{port}{path}", method, body, connections, args.seconds, workdir
                        )
                    else:
                        row = run_threads("127.0.0.1", port, path, method, body, connections, args.seconds)
                    results[(name, connections)] = row
            score_body = cases[1][3]
            swap_seconds = max(4.0, 2 * args.seconds)
            if use_wrk:
                url = f"http://127.0.0.1:{port}/v1/score"
                load = lambda: run_wrk(url, "POST", score_body, 8, swap_seconds, workdir)  # noqa: E731
            else:
                load = lambda: run_threads("127.0.0.1", port, "/v1/score", "POST", score_body, 8, swap_seconds)  # noqa: E731
            swap = swap_under_load(port, versions, score_body, swap_seconds, load)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
    print(
        f"load generator: {'wrk' if use_wrk else 'python threads (install wrk for more headroom)'}; "
        f"gunicorn 2 sync workers on 127.0.0.1; {args.seconds:g} s per run; {os.cpu_count()} CPUs"
    )
    print(f"{'endpoint':<16}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'failed':>8}")
    for (name, connections), row in results.items():
        print(
            f"{name:<16}{connections:>6}{row['rps']:>10.0f}{row['p50']:>9.2f}{row['p95']:>9.2f}{row['p99']:>9.2f}"
            f"{row['failed']:>8.0f}"
        )
    pick = 8 if 8 in levels else levels[-1]
    ratio = results[("score-1", pick)]["rps"] / max(results[("healthz", pick)]["rps"], 1e-9)
    ratio_new = results[("score-1-new", pick)]["rps"] / max(results[("healthz", pick)]["rps"], 1e-9)
    story20_p99 = results[("story-20", pick)]["p99"]
    story20_new_p99 = results[("story-20-new", pick)]["p99"]
    print(
        f"score/healthz throughput at {pick} connections: {ratio:.2f} same claim, {ratio_new:.2f} new claims "
        "(target >= 0.5)"
    )
    print(
        f"20-claim story p99 at {pick} connections: {story20_p99:.1f} ms same story, {story20_new_p99:.1f} ms "
        "new stories (target <= 50)"
    )
    swap_rps = float(swap["requests"].get("rps", 0.0))
    print(
        f"during 2 activations and 2 rollbacks over HTTP (single-claim score, 8 connections, {swap_rps:.0f} req/s): "
        f"failed_during_swap = {swap['failed']}; admin calls answered {swap['admin']}; "
        f"every worker served, after each step: {swap['seen']}"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "score_to_healthz_ratio": round(ratio, 3),
                    "score_new_to_healthz_ratio": round(ratio_new, 3),
                    "story20_p99_ms_c8": round(story20_p99, 2),
                    "story20_new_p99_ms_c8": round(story20_new_p99, 2),
                    "failed_during_swap": swap["failed"],
                    "swap_admin_statuses": swap["admin"],
                    "load_generator": "wrk" if use_wrk else "python-threads",
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
