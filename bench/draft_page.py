"""Benchmark: the public page of a draft with 20,000 comments (paginated).

    .venv/bin/python bench/draft_page.py                  # SQLite in a temporary directory
    .venv/bin/python bench/draft_page.py --db postgresql  # a scratch database on 127.0.0.1

A fresh database is migrated; a draft of 60 articles (180 nodes) is published through the
services and 20,000 comments are spread over its clauses (bulk insert: this measures reading,
not intake). The page (``/du-thao/<id>/``: the text with a count on every node, the statements,
20 comments of a random page, older than a random comment) is then rendered N times through Django's test
client, in-process, after a warm-up. Ends with:

    RESULT case=draft_page db=sqlite comments=20000 renders=200 p50_ms=... p95_ms=... max_ms=...
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

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def setup_draft():  # type: ignore[no-untyped-def]
    """A draft of 60 articles (180 nodes) published through the services, with five
    statements (bench/national_draft_page.py uses it too)."""
    import datetime as dt

    from django.utils import timezone

    from ykien.consultations import services
    from ykien.core import services as core
    from ykien.core.models import Role, User
    from ykien.core.permissions import SYSTEM

    front = core.unit_create(
        actor=SYSTEM, code="MTTQ-B", name="Ủy ban MTTQ tỉnh Thử", level="province", kind="front"
    )
    agency = core.unit_create(
        actor=SYSTEM, code="UBND-B", name="UBND tỉnh Thử", level="province", kind="state",
        parent=front,
    )  # fmt: skip
    officer = User.objects.create(username="canbo", kind="officer")
    core.role_grant(
        actor=SYSTEM, user=officer, unit=front, role=Role.OFFICER, valid_from=dt.date(2020, 1, 1)
    )
    text = "NGHỊ QUYẾT\nChương I\nQUY ĐỊNH CHUNG\n" + "\n".join(
        f"Điều {i}. Nội dung của điều {i}\n1. Khoản một của Điều {i}, quy định chi tiết về mức hỗ trợ.\n"
        f"2. Khoản hai của Điều {i}, quy định về thủ tục và thời hạn giải quyết."
        for i in range(1, 61)
    )
    today = timezone.localdate()
    draft = services.draft_register(
        actor=officer, unit=front, drafting_unit=agency, title="Dự thảo thử tải", kind="resolution",
        form="written", received_on=today, comment_end=today + dt.timedelta(days=30),
        filename="a.txt", data=text.encode(),
    )  # fmt: skip
    services.version_publish(actor=officer, version=draft.versions.get())
    draft.refresh_from_db()
    for i in range(5):
        services.statement_propose(
            draft=draft, participant=services.Participant.of_user(officer), text=f"Nhận định {i}"
        )
    return draft


def measure(args: argparse.Namespace) -> None:
    import django

    django.setup()

    from django.core.management import call_command
    from django.test import Client

    from ykien.consultations.models import Comment, Node

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    draft = setup_draft()
    nodes = list(
        Node.objects.filter(draft=draft, kind__in=["article", "clause"]).values_list(
            "pk", flat=True
        )
    )
    rng = random.Random(1)
    batch = [
        Comment(
            draft_id=draft.pk,
            version_id=draft.current_version_id,
            node_id=rng.choice(nodes),
            stance=rng.choice(["agree", "disagree", "reword"]),
            proposed_wording="",
            reasons=f"Góp ý số {i}: mức hỗ trợ cần phù hợp với thực tế của địa phương và khả năng ngân sách.",
            author_kind="anonymous",
            participant=f"a:{i % 5000}",
        )
        for i in range(args.comments)
    ]
    Comment.objects.bulk_create(batch, batch_size=2000)
    from django.db import connection
    from django.db.models import Max, Min

    from ykien.consultations.counts import counts_rebuild

    # Bulk-created around intake: fill the counters it would have kept.
    counts_rebuild(draft_id=draft.pk)

    if connection.vendor == "postgresql":
        # Autovacuum would gather the new table statistics within a minute; do it now so the
        # planner sees 20,000 comments rather than an empty table.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    url = f"/du-thao/{draft.pk}/"
    # A random page: the one older than a random comment (keyset pages, ``?cu-hon=<id>``).
    ids = Comment.objects.filter(draft=draft).aggregate(lo=Min("id"), hi=Max("id"))
    for _ in range(10):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(args.renders):
        older = rng.randint(ids["lo"], ids["hi"])
        t0 = time.perf_counter()
        response = client.get(url, {"cu-hon": older})
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profile = str(Path(tempfile.gettempdir()) / "draft_page.prof")
        cProfile.runctx(
            "for _ in range(20): client.get(url, {'cu-hon': ids['hi'] - 140})",
            globals(),
            locals(),
            profile,
        )
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"RESULT case=draft_page db={args.db} comments={args.comments} nodes={len(nodes)} "
        f"renders={args.renders} p50_ms={1000 * statistics.median(times):.1f} "
        f"p95_ms={1000 * p95:.1f} max_ms={1000 * times[-1]:.1f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args)
        return
    with tempfile.TemporaryDirectory(prefix="ykien-page-") as tmp:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="ykien.settings",
            SECRET_KEY="bench-" + "x" * 40,
            YKIEN_VAR_DIR=tmp,
            PRIVATE_ROOT=str(Path(tmp) / "private"),
            LOG_LEVEL="ERROR",
        )
        env.pop("YKIEN_TESTING", None)
        name = None
        if args.db == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp}/page.sqlite3"
        else:
            import psycopg

            name = f"ykien_bench_page_{os.getpid()}"
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
        try:
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--db",
                    args.db,
                    "--comments",
                    str(args.comments),
                    "--renders",
                    str(args.renders),
                ],
                env=env,
                cwd=ROOT,
                check=True,
            )
        finally:
            if name:
                import psycopg

                with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
