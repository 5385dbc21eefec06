"""Benchmark: comment intake through the API, the server as in production.

    .venv/bin/python bench/intake.py                      # SQLite and PostgreSQL
    .venv/bin/python bench/intake.py --db sqlite --seconds 20 --clients 32

For each database: a fresh database is migrated and seeded (a published draft, 32 citizens
with API tokens), ``ykien serve`` runs with 2 workers, and a separate process (this script
with ``--client``) posts comments as the signed-in citizens with 32 concurrent keep-alive
clients (asyncio, raw HTTP/1.1) for 20 s, keeping every acknowledged id (HTTP 201). Then the same clients hammer
``/healthz`` for 5 s. After the server stops, the acknowledged ids are looked up in the
database: ``lost`` = acknowledged comments missing. PostgreSQL: a scratch database on
127.0.0.1:5432 (user postgres) is created and dropped.

Ends with one line per database:
    RESULT case=sqlite accepted_per_s=... p50_ms=... p99_ms=... healthz_per_s=... lost=0 ...
    RESULT case=postgresql ...
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"

SEED = r"""
import datetime as dt, json, sys
from ykien.core import apikeys
from ykien.consultations import services
from ykien.consultations.models import Node
from ykien.core import services as core
from ykien.core.models import Role, User
from ykien.core.permissions import SYSTEM
front = core.unit_create(actor=SYSTEM, code="MTTQ-B", name="Ủy ban MTTQ tỉnh Thử", level="province", kind="front")
agency = core.unit_create(actor=SYSTEM, code="UBND-B", name="Ủy ban nhân dân tỉnh Thử", level="province", kind="state", parent=front)
officer = User.objects.create(username="canbo.bench", kind="officer")
core.role_grant(actor=SYSTEM, user=officer, unit=front, role=Role.OFFICER, valid_from=dt.date(2020, 1, 1))
text = "NGHỊ QUYẾT\nChương I\nQUY ĐỊNH CHUNG\n" + "\n".join(
    f"Điều {i}. Nội dung {i}\n1. Khoản một của Điều {i}.\n2. Khoản hai của Điều {i}." for i in range(1, 31))
today = dt.date.today()
draft = services.draft_register(actor=officer, unit=front, drafting_unit=agency, title="Dự thảo thử tải",
    kind="resolution", form="written", received_on=today, comment_end=today + dt.timedelta(days=30),
    filename="a.txt", data=text.encode())
services.version_publish(actor=officer, version=draft.versions.get())
nodes = list(Node.objects.filter(draft=draft, kind__in=["article", "clause"]).values_list("pk", flat=True))
tokens = []
for i in range(32):
    user = User.objects.create(username=f"dan{i}", kind="citizen")
    tokens.append(apikeys.apikey_create(actor=user, name="bench")[1])
json.dump({"draft": draft.pk, "nodes": nodes, "tokens": tokens}, open(sys.argv[-1], "w"))
"""

COUNT = r"""
import json, sys
from ykien.consultations.models import Comment
ids = json.load(open(sys.argv[-1]))
found = 0
for i in range(0, len(ids), 5000):
    found += Comment.objects.filter(pk__in=ids[i:i + 5000]).count()
print(json.dumps({"acknowledged": len(ids), "found": found, "total": Comment.objects.count()}))
"""


def _env(url: str, var: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        SECRET_KEY="bench-" + "x" * 40,
        DEBUG="false",
        YKIEN_VAR_DIR=str(var),
        PRIVATE_ROOT=str(var / "private"),
        WEB_WORKERS="2",
        LOG_LEVEL="ERROR",
    )
    env.pop("YKIEN_TESTING", None)
    return env


def _django(env: dict[str, str], code: str, arg: str) -> str:
    script = "import django, sys; django.setup()\n" + code
    return subprocess.run(
        [str(BIN / "python"), "-c", script, arg],
        env={**env, "DJANGO_SETTINGS_MODULE": "ykien.settings"},
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout


def _wait(port: int, timeout: float = 60) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not start")


# ------------------------------------------------------------------------ the client
# asyncio over raw HTTP/1.1 keep-alive connections: the load generator shares the two cores with
# the server, and threads driving http.client cost it twice the CPU per request.


class _Conn:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, headers: str, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n{headers}"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        status = int((await self.reader.readline()).split(b" ", 2)[1])
        length, chunked, close = 0, False, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                close = True
        if chunked:
            parts = []
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            await self.reader.readline()
            data = b"".join(parts)
        else:
            data = await self.reader.readexactly(length)
        if close:
            self.close()
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _client(args: argparse.Namespace) -> dict:
    seed = json.loads(Path(args.seed).read_text())
    latencies: list[float] = []
    acknowledged: list[int] = []
    errors: dict[str, int] = {}
    path = f"/api/v1/consultations/drafts/{seed['draft']}/comments"
    stop = time.monotonic() + args.seconds

    async def poster(n: int) -> None:
        rng = random.Random(n)
        token = seed["tokens"][n % len(seed["tokens"])]
        headers = f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        conn = _Conn(args.port)
        i = 0
        while time.monotonic() < stop:
            i += 1
            stance = ("agree", "disagree", "reword")[i % 3]
            body = json.dumps(
                {
                    "node_id": rng.choice(seed["nodes"]),
                    "stance": stance,
                    "proposed_wording": "Đề nghị sửa thành: hỗ trợ 70% chi phí."
                    if stance == "reword"
                    else "",
                    "reasons": f"Góp ý số {i} của người dân {n}: mức hỗ trợ cần phù hợp thực tế địa phương.",
                },
                ensure_ascii=False,
            ).encode()
            t0 = time.perf_counter()
            try:
                status, data = await conn.request("POST", path, headers, body)
            except (OSError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                conn.close()
                continue
            latencies.append(time.perf_counter() - t0)
            if status == 201:
                acknowledged.append(json.loads(data)["id"])
            else:
                errors[str(status)] = errors.get(str(status), 0) + 1
        conn.close()

    t0 = time.monotonic()
    await asyncio.gather(*(poster(n) for n in range(args.clients)))
    elapsed = time.monotonic() - t0

    # /healthz with the same number of clients.
    health_stop = time.monotonic() + args.health_seconds
    health_count = [0]

    async def health() -> None:
        conn = _Conn(args.port)
        while time.monotonic() < health_stop:
            status, _data = await conn.request("GET", "/healthz", "", b"")
            health_count[0] += status == 200
        conn.close()

    h0 = time.monotonic()
    await asyncio.gather(*(health() for _ in range(args.clients)))
    health_elapsed = time.monotonic() - h0
    latencies.sort()
    Path(args.out).write_text(json.dumps(acknowledged))
    return {
        "accepted": len(acknowledged),
        "seconds": elapsed,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else 0,
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))] if latencies else 0,
        "healthz_per_s": health_count[0] / health_elapsed,
        "errors": errors,
    }


def client_main(args: argparse.Namespace) -> None:
    print(json.dumps(asyncio.run(_client(args))))


# ------------------------------------------------------------------------ a case


def run_case(name: str, url: str, args: argparse.Namespace, var: Path) -> dict:
    env = _env(url, var)
    subprocess.run([str(BIN / "ykien"), "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([str(BIN / "ykien"), "createcachetable"], env=env, check=True, cwd=ROOT)
    seed = var / "seed.json"
    _django(env, SEED, str(seed))
    port = args.port
    server = subprocess.Popen(
        [str(BIN / "ykien"), "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _wait(port)
        ids = var / "ids.json"
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--client",
                "--seed",
                str(seed),
                "--out",
                str(ids),
                "--port",
                str(port),
                "--seconds",
                str(args.seconds),
                "--clients",
                str(args.clients),
                "--health-seconds",
                str(args.health_seconds),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(out.stdout)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    counts = json.loads(_django(env, COUNT, str(ids)))
    result.update(counts)
    result["lost"] = counts["acknowledged"] - counts["found"]
    result["accepted_per_s"] = result["accepted"] / result["seconds"]
    print(
        f"RESULT case={name} accepted_per_s={result['accepted_per_s']:.0f} "
        f"p50_ms={result['p50_ms']:.1f} p99_ms={result['p99_ms']:.1f} "
        f"healthz_per_s={result['healthz_per_s']:.0f} lost={result['lost']} "
        f"accepted={result['accepted']} errors={sum(result['errors'].values())} "
        f"clients={args.clients} seconds={args.seconds}",
        flush=True,
    )
    if result["errors"]:
        print(f"# errors by kind: {result['errors']}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--health-seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--port", type=int, default=8177)
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seed", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client_main(args)
        return
    if args.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="ykien-intake-") as tmp:
            var = Path(tmp)
            run_case("sqlite", f"sqlite:///{var / 'bench.sqlite3'}", args, var)
    if args.db in ("postgresql", "both"):
        import psycopg

        name = f"ykien_bench_intake_{os.getpid()}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            with tempfile.TemporaryDirectory(prefix="ykien-intake-") as tmp:
                run_case(
                    "postgresql", f"postgres://postgres@127.0.0.1:5432/{name}", args, Path(tmp)
                )
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
