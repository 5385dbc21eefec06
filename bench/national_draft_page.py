"""Benchmark: the public page of a draft with a million comments, on PostgreSQL (a case of
bench/national.py; runs alone too).

    .venv/bin/python bench/national_draft_page.py --comments 1000000 --renders 200

The same draft and page as bench/draft_page.py (60 articles, 180 nodes, 5 statements; the page
``/du-thao/<id>/`` with a count on every node, the statements and 20 comments of a random page),
on a scratch PostgreSQL database. The comments are inserted by one ``INSERT … SELECT`` over
``generate_series`` from a template comment made through the ORM (a million ORM objects take
ten minutes on this machine; this measures reading), then ``VACUUM ANALYZE`` (what autovacuum
does within minutes on a live table). The page is rendered through Django's test client,
in-process, after a warm-up; then the queries of one render are timed and the slowest shown
with their plan (``--explain``).

    RESULT case=draft_page comments=1000000 renders=200 p50_ms=... p95_ms=... max_ms=...
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from draft_page import setup_draft  # bench/draft_page.py

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def bulk_comments(draft, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    """``count`` comments on the draft's articles and clauses, in one statement; the node ids."""
    from django.db import connection

    from ykien.consultations.counts import counts_rebuild
    from ykien.consultations.models import Comment, Node

    nodes = list(
        Node.objects.filter(draft=draft, kind__in=["article", "clause"]).values_list(
            "pk", flat=True
        )
    )
    template = Comment.objects.create(
        draft_id=draft.pk, version_id=draft.current_version_id, node_id=nodes[0], stance="agree",
        reasons="mẫu", author_kind="anonymous", participant="a:0",
    )  # fmt: skip
    table = Comment._meta.db_table
    n = count - 1  # and the template
    node_array = "ARRAY[" + ",".join(str(int(pk)) for pk in nodes) + "]"
    # Every value is an integer of ours or a constant: no parameters needed.
    varying = {
        "node_id": f"({node_array})[1 + (g::bigint * 7919) % {len(nodes)}]",
        "stance": "(ARRAY['agree','disagree','reword'])[1 + g % 3]",
        "reasons": "'Góp ý số ' || g || ': mức hỗ trợ cần phù hợp với thực tế của địa phương "
        "và khả năng ngân sách.'",
        "participant": "'a:' || (g % 5000)",
        "created_at": f"t.created_at - make_interval(secs => {n} - g)",
    }
    columns = [f.column for f in Comment._meta.concrete_fields if not f.primary_key]
    exprs = [varying.get(c, f"t.{c}") for c in columns]
    # Integers of ours and the model's own table and column names: nothing from outside.
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(exprs)} "  # noqa: S608
        f"FROM generate_series(1, {n}) g, (SELECT * FROM {table} WHERE id = {int(template.pk)}) t"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
    # The rows went around comment intake: fill the visible-comment counters it would have
    # kept (what the migration does for comments stored before the counters existed).
    counts_rebuild(draft_id=draft.pk)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("ANALYZE")
    return nodes


def measure(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Max, Min
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ykien.consultations.models import Comment

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    draft = setup_draft()
    t0 = time.perf_counter()
    nodes = bulk_comments(draft, args.comments)
    print(f"# {args.comments} comments inserted and analysed in {time.perf_counter() - t0:.0f} s",
          flush=True)  # fmt: skip
    client = Client()
    url = f"/du-thao/{draft.pk}/"
    # A random page is the one older than a random comment (``?cu-hon=<id>``): where a reader
    # gets by following "Góp ý cũ hơn" (keyset pages; there are no page numbers).
    ids = Comment.objects.filter(draft=draft).aggregate(lo=Min("id"), hi=Max("id"))
    rng = random.Random(1)

    def query() -> dict[str, int]:
        return {"cu-hon": rng.randint(ids["lo"], ids["hi"])} if args.pages == "random" else {}

    for _ in range(10):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(args.renders):
        params = query()
        t0 = time.perf_counter()
        response = client.get(url, params)
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"RESULT case=draft_page comments={args.comments} nodes={len(nodes)} pages={args.pages} "
        f"renders={args.renders} p50_ms={1000 * statistics.median(times):.1f} "
        f"p95_ms={1000 * p95:.1f} max_ms={1000 * times[-1]:.1f}",
        flush=True,
    )
    if args.explain:
        params = query()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, params)
        timed = []
        with connection.cursor() as cursor:
            for q in ctx.captured_queries:
                sql = q["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                t0 = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                timed.append((time.perf_counter() - t0, sql))
        timed.sort(reverse=True)
        print(f"# {len(ctx.captured_queries)} queries in one render ({params}); slowest:")
        with connection.cursor() as cursor:
            for seconds, sql in timed[: args.explain]:
                print(f"# {1000 * seconds:.1f} ms: {sql[:600]}")
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                for (line,) in cursor.fetchall()[:25]:
                    print("#    " + line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--pages", choices=["random", "first"], default="random")
    parser.add_argument("--explain", type=int, default=0, help="show the N slowest queries")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args)
        return
    import psycopg

    name = f"ykien_national_page_{os.getpid()}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="ykien-page-") as tmp:
            env = {k: v for k, v in os.environ.items() if k != "YKIEN_TESTING"}
            env.update(
                DJANGO_SETTINGS_MODULE="ykien.settings",
                SECRET_KEY="bench-" + "x" * 40,
                YKIEN_VAR_DIR=tmp,
                PRIVATE_ROOT=str(Path(tmp) / "private"),
                LOG_LEVEL="ERROR",
                DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}",
            )
            subprocess.run(
                [sys.executable, __file__, "--child", "--comments", str(args.comments),
                 "--renders", str(args.renders), "--pages", args.pages,
                 "--explain", str(args.explain)],
                env=env, cwd=ROOT, check=True,
            )  # fmt: skip
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
