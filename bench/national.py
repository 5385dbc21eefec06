"""Benchmark of the national consultation (docs/domains/national.md): ballots through the API
behind a load balancer, the public results page, the draft page with a million comments, and
the cluster analysis cases of bench/national_analysis.py.

    .venv/bin/python bench/national.py --quick              # within 20 minutes
    .venv/bin/python bench/national.py                      # the full run
    .venv/bin/python bench/national.py --cases ballots --web 1,2,4 --seconds 60

Needs PostgreSQL on 127.0.0.1:5432 (user postgres; a scratch database is created, migrated and
dropped), HAProxy and wrk (Debian: ``scripts/system-deps.sh --bench``).

case=ballots, for each N of ``--web``: N ``ykien serve`` processes (granian, one worker each)
on 127.0.0.1 behind HAProxy (config from deploy/haproxy-bench.cfg.in, in a temporary
directory). wrk (C, bench/national_wrk.lua) first asks ``/healthz`` through the balancer, then
posts ballots on a 120-article draft (``ykien national bench-draft``), each from a distinct
person whose OIDC ID token was minted beforehand by ``ykien.identity.demo.mint_id_token``.
A third of the way into the run one web process is killed with SIGKILL (N = 1: its granian
worker, which granian restarts; N > 1: the whole ``ykien serve``, which the bench restarts as
systemd would) and started again. Then every acknowledged ballot (200/201) is looked up in the
database: ``lost`` = acknowledged and missing. Also printed: the rate before the kill
(``before_kill_per_s``, and its ratio to /healthz), the CPU milliseconds per ballot and per
/healthz of the web processes, of this database's PostgreSQL backends and of HAProxy (psutil,
before the kill), the load generator's own CPU (``wrk_cpu``: share of one core, to show it is
not the bottleneck) and ``load``, the 1-minute load average (the machine is shared).
One ``ykien worker`` runs beside, rolling the ballots up as in production.

case=results: the ceiling first (``case=results_ceiling``: results pages and /healthz a second,
closed loop), then the public results page and the results API through the balancer at a fixed
200 requests a second (open loop: latency from the planned send time). case=draft_page:
bench/national_draft_page.py (a million comments on PostgreSQL). case=duplicates /
case=groups: bench/national_analysis.py (national-dask's cases; ``--quick`` passes on).
case=healthz (not in the default list): /healthz alone, through the balancer and direct.

Ends with the RESULT lines, one per case (ballots: one per N).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
LUA = ROOT / "bench" / "national_wrk.lua"
HAPROXY_TEMPLATE = ROOT / "deploy" / "haproxy-bench.cfg.in"
LB_PORT = 8290
WEB_PORT = 8300
RESULTS: list[str] = []


def say(line: str) -> None:
    print(line, flush=True)
    if line.startswith("RESULT "):
        RESULTS.append(line)


def load1() -> str:
    return f"{os.getloadavg()[0]:.1f}"


# ------------------------------------------------------------------------ the scratch database


def bench_env(url: str, var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("YKIEN_TESTING",)}
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="ykien.settings",
        SECRET_KEY="bench-" + "x" * 40,
        DEBUG="false",
        YKIEN_VAR_DIR=str(var),
        PRIVATE_ROOT=str(var / "private"),
        LOG_LEVEL="ERROR",
        WEB_ACCESS_LOG="0",
        PYTHONDONTWRITEBYTECODE="1",
        YKIEN_IDENTITY_DEMO_PROVIDER="1",
        YKIEN_IDENTITY_HASH_KEY="bench-identity-hash-key-" + "k" * 40,
        SITE_URL=f"http://127.0.0.1:{LB_PORT}",
    )
    return env


def django(env: dict[str, str], code: str, *args: str) -> str:
    """Run ``code`` after django.setup() in a fresh interpreter; its standard output."""
    done = subprocess.run(
        [str(BIN / "python"), "-c", "import django, sys\ndjango.setup()\n" + code, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
        raise SystemExit("a setup step failed")
    return done.stdout


def ykien(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "ykien"), *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
        raise SystemExit(f"ykien {' '.join(args)} failed")
    return done.stdout


def pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)


# ------------------------------------------------------------------------ the web farm


def http_get(port: int, path: str, timeout: float = 2) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_healthy(port: int, timeout: float = 90) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if http_get(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing healthy on 127.0.0.1:{port}")


class Farm:
    """N ``ykien serve`` processes (one granian worker each) behind HAProxy."""

    def __init__(self, env: dict[str, str], tmp: Path, n: int, threads: int, maxconn: int):
        self.env, self.tmp, self.n, self.threads, self.maxconn = env, tmp, n, threads, maxconn
        self.web: list[subprocess.Popen] = []
        self.lb: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def port(self, i: int) -> int:
        return WEB_PORT + i

    def start_web(self, i: int) -> subprocess.Popen:
        log = open(self.tmp / f"web-{i}.log", "ab")  # noqa: SIM115 (kept by the process)
        return subprocess.Popen(
            [str(BIN / "ykien"), "serve", "--port", str(self.port(i)), "--workers", "1",
             "--threads", str(self.threads)],
            env=self.env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip

    def config(self) -> Path:
        # With one web process there is nowhere else to send a request: marking it down (on a
        # connection error, or by its health check) only turns the seconds its worker takes to
        # restart into a flood of immediate 503s (measured: 354,989 and, checks alone, 126,794
        # in a 30 s run), where without it the requests wait in the listening socket, which
        # granian's main process keeps, for the new worker. So one process is not checked.
        check = " check" if self.n > 1 else ""
        servers = "\n".join(
            f"    server web{i} 127.0.0.1:{self.port(i)}{check}" for i in range(self.n)
        )
        observe = " observe layer4 error-limit 1 on-error mark-down" if self.n > 1 else ""
        text = string.Template(HAPROXY_TEMPLATE.read_text()).substitute(
            nbthread=1, port=LB_PORT, server_maxconn=self.maxconn, servers=servers, observe=observe
        )
        path = self.tmp / "haproxy.cfg"
        path.write_text(text)
        return path

    def __enter__(self) -> Farm:
        try:
            return self.start()
        except BaseException:
            self.__exit__()
            raise

    def start(self) -> Farm:
        # The background worker (django-tasks) as in production: it rolls the ballots up into
        # the counts every minute (ykien.national.tasks).
        self.worker = subprocess.Popen(
            [str(BIN / "ykien"), "worker"], env=self.env, cwd=ROOT,
            stdout=open(self.tmp / "worker.log", "ab"), stderr=subprocess.STDOUT,  # noqa: SIM115
            start_new_session=True,
        )  # fmt: skip
        self.web = [self.start_web(i) for i in range(self.n)]
        for i in range(self.n):
            wait_healthy(self.port(i))
        cfg = self.config()
        subprocess.run(["haproxy", "-c", "-q", "-f", str(cfg)], check=True)
        self.lb = subprocess.Popen(
            ["haproxy", "-db", "-f", str(cfg)],
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / "haproxy.log", "ab"),  # noqa: SIM115
            start_new_session=True,
        )
        wait_healthy(LB_PORT)
        time.sleep(1.5)  # the first health checks mark every server up
        return self

    def cpu(self) -> dict[str, float]:
        """CPU seconds used so far by the web processes (granian and its workers), by HAProxy
        and by the PostgreSQL backends serving this bench's database."""
        import psutil

        def tree(pid: int) -> float:
            try:
                proc = psutil.Process(pid)
                total = 0.0
                for p in [proc, *proc.children(recursive=True)]:
                    times = p.cpu_times()
                    total += times.user + times.system
                return total
            except psutil.Error:
                return 0.0

        db = self.env["DATABASE_URL"].rsplit("/", 1)[1]
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            pids = [r[0] for r in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [db],
            )]  # fmt: skip
        return {
            "web": sum(tree(p.pid) for p in self.web),
            "lb": tree(self.lb.pid) if self.lb else 0.0,
            "pg": sum(tree(pid) for pid in pids),
        }

    def kill_and_restart(self, i: int) -> tuple[str, float]:
        """SIGKILL web process ``i`` and have it started again; what was killed and the seconds
        until it answers again. With one web process, its granian worker (the process running
        Django) is killed and granian starts a new one; with several, the whole ``ykien serve``
        (granian's main process and its worker) is killed, HAProxy sends its requests to the
        others, and the bench starts it again as systemd would."""
        t0 = time.monotonic()
        if self.n == 1:
            workers = subprocess.run(
                ["pgrep", "-P", str(self.web[i].pid)], capture_output=True, text=True, check=False
            ).stdout.split()
            for pid in workers:
                os.kill(int(pid), signal.SIGKILL)
            time.sleep(0.5)
            wait_healthy(self.port(i))
            return "worker", time.monotonic() - t0
        os.killpg(self.web[i].pid, signal.SIGKILL)
        self.web[i].wait()
        self.web[i] = self.start_web(i)
        wait_healthy(self.port(i))
        return "process", time.monotonic() - t0

    def __exit__(self, *exc: object) -> None:
        procs = [p for p in [self.lb, *self.web, self.worker] if p is not None]
        for p in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


def wrk(args: list[str], url: str, seconds: float, lua_args: list[str]) -> tuple[dict, float]:
    """Run wrk; its done() JSON and the CPU seconds wrk itself used."""
    cmd = ["wrk", *args, "-d", f"{seconds:.0f}s", "--timeout", "10s", "-s", str(LUA), url,
           "--", *lua_args]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        sys.stderr.write(out[-2000:] + err[-2000:])
        raise SystemExit("wrk failed")
    return json.loads(lines[-1]), usage.ru_utime + usage.ru_stime


# ------------------------------------------------------------------------ case=healthz


def scratch_env(tmp: Path) -> tuple[str, dict[str, str]]:
    name = f"ykien_national_{os.getpid()}"
    pg(f'CREATE DATABASE "{name}"')
    return name, bench_env(f"postgres://postgres@127.0.0.1:5432/{name}", tmp)


def case_healthz(args: argparse.Namespace) -> None:
    """The framework's ceiling alone: /healthz through the balancer for each N."""
    with tempfile.TemporaryDirectory(prefix="ykien-national-") as tmp_name:
        tmp = Path(tmp_name)
        name, env = scratch_env(tmp)
        try:
            ykien(env, "migrate", "-v", "0")
            for n in args.web:
                with Farm(env, tmp, n, args.threads, args.server_maxconn):
                    for label, port in (("lb", LB_PORT), ("direct", WEB_PORT)):
                        health, cpu = wrk(
                            ["-t", "2", "-c", str(args.connections)],
                            f"http://127.0.0.1:{port}/healthz", args.health_seconds, ["get"],
                        )  # fmt: skip
                        per_s = health["statuses"].get("200", 0) / health["seconds"]
                        say(
                            f"RESULT case=healthz web={n} via={label} healthz_per_s={per_s:.0f} "
                            f"p99_ms={health['p99_ms']:.0f} wrk_cpu={cpu / health['seconds']:.2f} "
                            f"load={load1()}"
                        )
        finally:
            pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ------------------------------------------------------------------------ case=ballots

SETUP = r"""
import json
from django.urls import reverse
from ykien.national.models import NationalMode
from ykien.national.provinces import provinces
draft = int(sys.argv[1])
mode = NationalMode.objects.get(draft_id=draft)
print(json.dumps({
    "articles": [str(a["number"]) if isinstance(a, dict) else str(a) for a in mode.articles],
    "provinces": [p.code for p in provinces()],
    "results_page": reverse("national:results", args=[draft]),
    "results_api": f"/api/v1/national/drafts/{draft}/results",
}))
"""

# Tokens valid for a day, for people of random provinces, ages and sexes.
MINT = r"""
import json, random
from pathlib import Path
from ykien.identity.demo import mint_id_token
spec = json.loads(sys.argv[1])
rng = random.Random(spec["seed"])
for k in spec["files"]:
    subs = [f"{spec['prefix']}-{k}-{j}" for j in range(spec["per_file"])]
    tokens = [
        mint_id_token(
            sub, rng.choice(spec["provinces"]), expires_in=86400,
            birthdate=f"{rng.randint(1940, 2008)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            gender=rng.choice(["male", "female"]),
        )
        for sub in subs
    ]
    Path(spec["dir"], f"tokens-{k}.txt").write_text("\n".join(tokens) + "\n")
    Path(spec["dir"], f"subs-{k}.txt").write_text("\n".join(subs) + "\n")
"""

# Which acknowledged people have a ballot on the draft (by the keyed hash of their identifier).
FOUND = r"""
import json
from ykien.identity import config
from ykien.identity.person import subject_hash
from ykien.national.models import Ballot
subs = json.load(open(sys.argv[1]))
draft = int(sys.argv[2])
issuer = config.provider().issuer
hashes = [subject_hash(issuer, sub) for sub in subs]
found = 0
for i in range(0, len(hashes), 5000):
    found += Ballot.objects.filter(draft_id=draft, subject_hash__in=hashes[i:i + 5000]).count()
from django.db import connection
with connection.cursor() as cursor:
    # The ballots' and their comments' tables with their indexes, every partition.
    cursor.execute(
        "SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM ("
        "SELECT relid FROM pg_partition_tree('national_ballot') UNION ALL "
        "SELECT relid FROM pg_partition_tree('national_ballotcomment')) t"
    )
    size = cursor.fetchone()[0]
ballots = Ballot.objects.filter(draft_id=draft).count()
print(json.dumps({"found": found, "ballots": ballots, "bytes": int(size)}))
"""


def ballot_bodies(articles: list[str], count: int, seed: int = 7) -> list[str]:
    """``count`` different ballots on every article; a few articles carry a comment."""
    rng = random.Random(seed)
    bodies = []
    for _ in range(count):
        arts: dict[str, dict[str, str]] = {}
        for number in articles:
            entry = {"stance": rng.choices(["agree", "disagree", "none"], [6, 2, 2])[0]}
            if rng.random() < 0.03:
                entry["comment"] = (
                    "Đề nghị làm rõ thẩm quyền và trách nhiệm của chính quyền địa phương "
                    "trong việc thực hiện điều này."
                )
            arts[number] = entry
        body = {"overall": rng.choice(["agree", "agree", "disagree", "none"]), "articles": arts}
        bodies.append(json.dumps(body, ensure_ascii=False, separators=(",", ":")))
    return bodies


def mint(env: dict[str, str], run_dir: Path, prefix: str, files: int, per_file: int,
         info: dict) -> None:  # fmt: skip
    """Pre-mint ``files × per_file`` ID tokens into run_dir/tokens-<k>.txt (two processes)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    halves = [list(range(files))[0::2], list(range(files))[1::2]]
    procs = []
    for h, part in enumerate(halves):
        if not part:
            continue
        spec = {
            "dir": str(run_dir), "prefix": prefix, "files": part, "per_file": per_file,
            "provinces": info["provinces"], "seed": h + 100 * len(prefix),
        }  # fmt: skip
        code = "import django, sys\ndjango.setup()\n" + MINT
        procs.append(
            subprocess.Popen([str(BIN / "python"), "-c", code, json.dumps(spec)], env=env, cwd=ROOT)
        )
    for p in procs:
        if p.wait() != 0:
            raise SystemExit("minting the ID tokens failed")


def smoke(tmp: Path, path: str, info: dict) -> None:
    """One ballot by a person of its own, through the balancer: 201, or stop here with the
    answer and the web processes' log."""
    token = (tmp / "smoke-token.txt").read_text().strip()
    body = (tmp / "bodies.txt").read_text().splitlines()[0]
    conn = http.client.HTTPConnection("127.0.0.1", LB_PORT, timeout=30)
    conn.request("POST", path, body=body.encode(), headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})  # fmt: skip
    response = conn.getresponse()
    data = response.read()
    conn.close()
    if response.status not in (200, 201):
        for log in sorted(tmp.glob("web-*.log")):
            sys.stderr.write(log.read_text()[-3000:])
        raise SystemExit(f"a ballot answered {response.status}: {data[:1000]!r}")


def case_ballots(env: dict[str, str], tmp: Path, args: argparse.Namespace, info: dict) -> None:
    draft = info["draft"]
    path = f"/api/v1/national/drafts/{draft}/ballot"
    (tmp / "bodies.txt").write_text("\n".join(ballot_bodies(info["articles"], 16)) + "\n")
    mint(env, tmp / "smoke", "smoke", 1, 1, info)
    shutil.copy(tmp / "smoke" / "tokens-0.txt", tmp / "smoke-token.txt")
    conns = args.connections
    for n in args.web:
        run_dir = tmp / f"run-{n}"
        t0 = time.monotonic()
        mint(env, run_dir, f"bench{n}", conns, args.people // conns, info)
        minted = time.monotonic() - t0
        shutil.copy(tmp / "bodies.txt", run_dir / "bodies.txt")
        say(f"# N={n}: {args.people} ID tokens minted in {minted:.0f} s")
        with Farm(env, tmp, n, args.threads, args.server_maxconn) as farm:
            url = f"http://127.0.0.1:{LB_PORT}"
            smoke(tmp, path, info)
            cpu0 = farm.cpu()
            health, health_cpu = wrk(
                ["-t", "2", "-c", str(conns)], url + "/healthz", args.health_seconds, ["get"]
            )
            cpu1 = farm.cpu()
            n_health = max(1, health["statuses"].get("200", 0))
            health_ms = {k: 1000 * (cpu1[k] - cpu0[k]) / n_health for k in cpu0}
            healthz_per_s = health["statuses"].get("200", 0) / health["seconds"]
            kill: dict[str, Any] = {}

            def killer(kill: dict[str, Any] = kill, farm: Farm = farm) -> None:
                time.sleep(args.seconds / 3)
                kill["at"] = time.monotonic()
                kill["epoch"] = time.time()
                kill["cpu"] = farm.cpu()
                kill["what"] = "worker" if farm.n == 1 else "process"
                try:
                    kill["what"], kill["restart_s"] = farm.kill_and_restart(0)
                except SystemExit:  # not healthy again within wait_healthy's time
                    kill["restart_s"] = -1

            thread = threading.Thread(target=killer, daemon=True)
            thread.start()
            t_run = time.monotonic()
            epoch_run = time.time()
            kill["cpu0"] = farm.cpu()
            result, cpu = wrk(
                ["-t", str(conns), "-c", str(conns)], url + path, args.seconds,
                ["ballots", str(run_dir), path],
            )  # fmt: skip
            thread.join(timeout=120)
            load = load1()
        acked: list[str] = []
        by_status = {"200": 0, "201": 0}
        before_kill = 0
        for k in range(conns):
            subs = (run_dir / f"subs-{k}.txt").read_text().split()
            ack = run_dir / f"ack-{k}.txt"
            if ack.exists():
                for line in ack.read_text().splitlines():
                    index, status, at = line.split()
                    acked.append(subs[int(index) - 1])
                    by_status[status] = by_status.get(status, 0) + 1
                    if int(at) < int(kill.get("epoch", 2e9)):
                        before_kill += 1
        unique = sorted(set(acked))
        (run_dir / "acked.json").write_text(json.dumps(unique))
        found = json.loads(django(env, FOUND, str(run_dir / "acked.json"), str(draft)))
        lost = len(unique) - found["found"]
        ok = by_status["200"] + by_status["201"]
        per_s = ok / result["seconds"]
        # The rate before the kill: whole seconds from the start to the second of the kill.
        window = int(kill.get("epoch", epoch_run + result["seconds"])) - int(epoch_run)
        steady = before_kill / max(1, window)
        ballot_ms = dict.fromkeys(("web", "pg", "lb"), 0.0)
        if "cpu" in kill and before_kill:
            ballot_ms = {
                k: 1000 * (kill["cpu"][k] - kill["cpu0"][k]) / before_kill for k in ballot_ms
            }
        other = {k: v for k, v in result["statuses"].items() if k not in ("200", "201")}
        say(
            f"RESULT case=ballots web={n} ballots_per_s={per_s:.0f} healthz_per_s={healthz_per_s:.0f} "
            f"ratio={per_s / healthz_per_s:.2f} before_kill_per_s={steady:.0f} "
            f"before_kill_ratio={steady / healthz_per_s:.2f} p99_ms={result['p99_ms']:.0f} "
            f"p50_ms={result['p50_ms']:.0f} lost={lost} acked={ok} created={by_status['201']} "
            f"replaced={by_status['200']} other={sum(other.values())} "
            f"cpu_ms_per_ballot_web={ballot_ms['web']:.1f} cpu_ms_per_ballot_pg={ballot_ms['pg']:.1f} "
            f"cpu_ms_per_ballot_lb={ballot_ms['lb']:.2f} cpu_ms_per_healthz_web={health_ms['web']:.1f} "
            f"cpu_ms_per_healthz_pg={health_ms['pg']:.1f} "
            f"bytes_per_ballot={found['bytes'] / max(1, found['ballots']):.0f} "
            f"articles={len(info['articles'])} connections={conns} seconds={result['seconds']:.0f} "
            f"killed={kill.get('what', 'none')} killed_at_s={kill.get('at', t_run) - t_run:.0f} restart_s={kill.get('restart_s', -1):.1f} "
            f"wrk_cpu={cpu / result['seconds']:.2f} healthz_wrk_cpu={health_cpu / health['seconds']:.2f} "
            f"load={load}"
        )  # fmt: skip
        if other or any(result["errors"].values()):
            say(f"# N={n}: other statuses {other}, wrk errors {result['errors']}")


# ------------------------------------------------------------------------ case=results


async def open_loop(port: int, path: str, rate: float, seconds: float) -> dict:
    """GET ``path`` at a fixed ``rate`` per second for ``seconds``; the latency of each request
    is counted from its planned start (a slow answer delays no later request: each request
    takes a free keep-alive connection or opens one)."""
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    latencies: list[float] = []
    statuses: dict[int, int] = {}

    async def one(planned: float) -> None:
        if idle:
            reader, writer = idle.pop()
        else:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n".encode()
        )
        status = int((await reader.readline()).split(b" ", 2)[1])
        length, chunked = 0, False
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
            elif name.strip().lower() == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
        if chunked:
            while size := int((await reader.readline()).split(b";")[0], 16):
                await reader.readexactly(size + 2)
            await reader.readline()
        else:
            await reader.readexactly(length)
        latencies.append(time.perf_counter() - planned)
        statuses[status] = statuses.get(status, 0) + 1
        idle.append((reader, writer))

    tasks = []
    start = time.perf_counter()
    total = int(rate * seconds)
    for i in range(total):
        planned = start + i / rate
        delay = planned - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(planned)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    for _reader, writer in idle:
        writer.close()
    latencies.sort()
    return {
        "requests": total,
        "achieved_per_s": total / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
        "statuses": statuses,
    }


def case_results(env: dict[str, str], tmp: Path, args: argparse.Namespace, info: dict) -> None:
    # The counts are rolled up now (the worker does it every 20 s) so the page has figures.
    ykien(env, "national", "rollup")
    n = max(args.web)
    with Farm(env, tmp, n, args.threads, args.server_maxconn):
        # The ceiling first (closed loop, 16 connections): results pages and /healthz a second.
        ceiling = {}
        for what, url in (("healthz", "/healthz"), ("page", info["results_page"])):
            out, _cpu = wrk(["-t", "2", "-c", "16"], f"http://127.0.0.1:{LB_PORT}{url}", 8, ["get"])
            ceiling[what] = out["statuses"].get("200", 0) / out["seconds"]
        say(
            f"RESULT case=results_ceiling page_per_s={ceiling['page']:.0f} "
            f"healthz_per_s={ceiling['healthz']:.0f} ratio={ceiling['page'] / ceiling['healthz']:.2f} "
            f"web={n} load={load1()}"
        )
        for url in (info["results_page"], info["results_api"]):
            wait = http_get(LB_PORT, url, timeout=10)
            if wait[0] != 200:
                raise SystemExit(f"{url} answered {wait[0]}")
            before = resource.getrusage(resource.RUSAGE_SELF)
            result = asyncio.run(open_loop(LB_PORT, url, args.rate, args.results_seconds))
            after = resource.getrusage(resource.RUSAGE_SELF)
            cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / (
                args.results_seconds
            )
            what = "page" if url == info["results_page"] else "api"
            say(
                f"RESULT case=results what={what} rate={args.rate} "
                f"achieved_per_s={result['achieved_per_s']:.0f} p95_ms={result['p95_ms']:.1f} "
                f"p50_ms={result['p50_ms']:.1f} p99_ms={result['p99_ms']:.1f} "
                f"non200={sum(v for k, v in result['statuses'].items() if k != 200)} web={n} "
                f"client_cpu={cpu:.2f} load={load1()}"
            )


# ------------------------------------------------------------------------ other cases


def case_draft_page(args: argparse.Namespace) -> None:
    done = subprocess.run(
        [str(BIN / "python"), str(ROOT / "bench" / "national_draft_page.py"),
         "--comments", str(args.comments), "--renders", str(args.renders), "--explain", "3"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
        say(f"RESULT case=draft_page comments={args.comments} skipped=1 reason=failed")
        return
    say(lines[-1] + f" load={load1()}")
    for line in done.stdout.splitlines():
        if line.startswith("# "):  # the slowest queries and their plans
            say(line)


def case_analysis(name: str, args: argparse.Namespace) -> None:
    """bench/national_analysis.py's case (national-dask), its lines passed on."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import national_analysis  # type: ignore[import-not-found]
    except ImportError as exc:
        size = "n=10000000" if name == "duplicates" else "participants=1000000 statements=10000"
        say(f"RESULT case={name} {size} skipped=1 reason=import_error:{type(exc).__name__}")
        return
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if name == "duplicates":
            national_analysis._print_duplicates(national_analysis.duplicates_case(quick=args.quick))
        else:
            national_analysis._print_groups(national_analysis.groups_case(quick=args.quick))
    for line in out.getvalue().splitlines():
        say(line)


# ------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller and shorter (≤ 20 min)")
    parser.add_argument("--cases", default="ballots,results,draft_page,duplicates,groups")
    parser.add_argument("--web", help="numbers of web processes, e.g. 1,2,4")
    parser.add_argument("--seconds", type=float, help="length of each ballot run")
    parser.add_argument("--health-seconds", type=float)
    parser.add_argument("--people", type=int, help="ID tokens minted per ballot run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=4, help="granian threads per process")
    parser.add_argument("--server-maxconn", type=int, default=8)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--results-seconds", type=float)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--renders", type=int)
    parser.add_argument("--keep", action="store_true", help="keep the temporary files (logs)")
    args = parser.parse_args()
    q = args.quick
    args.web = [int(x) for x in (args.web or ("1,2" if q else "1,2,4")).split(",")]
    args.seconds = args.seconds or (30 if q else 90)
    args.health_seconds = args.health_seconds or (8 if q else 15)
    args.people = args.people or (8_000 if q else 40_000)
    args.people = max(args.connections, args.people // args.connections * args.connections)
    args.results_seconds = args.results_seconds or (15 if q else 60)
    args.renders = args.renders or (20 if q else 200)
    cases = args.cases.split(",")
    say(f"# national bench: cases={','.join(cases)} quick={int(q)} cpus={os.cpu_count()} "
        f"load={load1()}")  # fmt: skip

    if "healthz" in cases:
        case_healthz(args)
    web_cases = [c for c in cases if c in ("ballots", "results")]
    if web_cases:
        missing = [tool for tool in ("wrk", "haproxy") if shutil.which(tool) is None]
        if missing:
            for c in web_cases:
                say(f"RESULT case={c} skipped=1 reason={'_'.join(missing)}_missing"
                    "(scripts/system-deps.sh_--bench)")  # fmt: skip
        else:
            name = f"ykien_national_{os.getpid()}"
            pg(f'CREATE DATABASE "{name}"')
            try:
                with tempfile.TemporaryDirectory(prefix="ykien-national-") as tmp_name:
                    tmp = Path(tmp_name)
                    if args.keep:
                        tmp = Path(tempfile.mkdtemp(prefix="ykien-national-kept-"))
                        say(f"# files kept in {tmp}")
                    env = bench_env(f"postgres://postgres@127.0.0.1:5432/{name}", tmp)
                    ykien(env, "migrate", "-v", "0")
                    ykien(env, "createcachetable")
                    out = ykien(env, "national", "bench-draft", "--articles", str(args.articles))
                    draft = int(re.findall(r"\d+", out)[-1])
                    info = json.loads(django(env, SETUP, str(draft)))
                    info["draft"] = draft
                    if "ballots" in cases:
                        case_ballots(env, tmp, args, info)
                    if "results" in cases:
                        case_results(env, tmp, args, info)
            finally:
                pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if "draft_page" in cases:
        case_draft_page(args)
    for name in ("duplicates", "groups"):
        if name in cases:
            case_analysis(name, args)
    print("# ---", flush=True)
    for line in RESULTS:
        print(line, flush=True)


if __name__ == "__main__":
    main()
