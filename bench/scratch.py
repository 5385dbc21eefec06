"""What the benchmarks that run a checkout in scratch databases share: the environment of a
measuring process, PostgreSQL's admin connection, and running a step in a fresh interpreter."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BASE = "postgres://postgres@127.0.0.1:5432/"


def env_for(checkout: Path, db: str, var: Path, dbname: str) -> dict[str, str]:
    """The environment of a process running ``checkout`` on a scratch database (``var``: its
    own var/ directory; ``dbname``: the PostgreSQL database when ``db`` is "postgresql")."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "YKIEN_TESTING")}
    env.update(
        PYTHONPATH=str(checkout),
        DJANGO_SETTINGS_MODULE="ykien.settings",
        YKIEN_VAR_DIR=str(var),
        YKIEN_DEMO="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if db == "postgresql":
        env["DATABASE_URL"] = PG_BASE + dbname
    return env


def pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)


def pg_reachable() -> bool:
    try:
        pg("SELECT 1")
    except Exception:
        return False
    return True


def databases(choice: str) -> list[str]:
    """The databases ``--db`` names ("both": SQLite and PostgreSQL, the latter only if it answers)."""
    dbs = ["sqlite", "postgresql"] if choice == "both" else [choice]
    if "postgresql" in dbs and not pg_reachable():
        print("PostgreSQL not reachable: SQLite only", file=sys.stderr)
        dbs = [d for d in dbs if d != "postgresql"]
    return dbs


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def run(code: str, env: dict[str, str], *args: str) -> str:
    """Run ``code`` in a fresh interpreter of this checkout's virtual environment, in the
    checkout named by ``env``; its standard output (the step's JSON)."""
    done = subprocess.run(
        [str(PYTHON), "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=env["PYTHONPATH"],
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
        raise SystemExit(f"failed in {env['PYTHONPATH']}")
    return done.stdout


@contextlib.contextmanager
def peer_checkout(given: Path | None, tmp: Path) -> Iterator[Path]:
    """The checkout to measure beside this one: ``given``, or a ``git worktree`` of HEAD made
    in ``tmp`` (the code before the uncommitted change) and removed afterwards."""
    if given is not None:
        yield given.resolve()
        return
    peer = tmp / "peer"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(peer), "HEAD"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield peer.resolve()
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(peer)],
            cwd=ROOT, check=False, capture_output=True,
        )  # fmt: skip
