"""Benchmark: the officers' staff list pages with 100,000 records each, this checkout against
another (by default a ``git worktree`` of HEAD: the page before this change).

    .venv/bin/python bench/staff_lists.py                   # SQLite, and PostgreSQL if reachable
    .venv/bin/python bench/staff_lists.py --db sqlite --n 50 --petitions 100000
    .venv/bin/python bench/staff_lists.py --lists drafts,feedback124 --n 20
    .venv/bin/python bench/staff_lists.py --peer /path/to/other/checkout

``--lists`` picks the lists (default: all): ``petitions`` (the petitions list), ``drafts`` (drafts
received), ``feedback124`` (the Regulation 124 inbox), ``recommendations`` (recommendations of the
officer's activities), ``respondent`` (recommendations to answer, as the addressee's respondent).
Each is filled with ``--petitions`` rows of its own records (bulk inserts, one province and 30
communes; folded search columns and stored due dates filled where the checkout has them).

For each checkout and database a scratch database is migrated and filled with ``--petitions``
petitions (bulk inserts: one province, 30 communes, the four kinds, all states, due dates around
today; ``search_text`` filled where the checkout has it) and an officer of the province. A
measuring process then signs the officer in with Django's test client and times ``--n`` GETs of
each case after 3 untimed ones: the plain list; a search ("duong lien ap"); a filter (kind and
overdue); search and filter with a sort. A checkout without search answers its unfiltered list
for ``q`` (the figure is still the page's time). The two checkouts are measured one after the
other in the same sitting, on this checkout's virtual environment.

Ends with one line per (database, list, case):
    RESULT db=sqlite list=petitions case=search n=50 rows=100000 ours_p50_ms=... ours_p95_ms=...
        peer_p50_ms=... peer_p95_ms=...
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import uuid
from pathlib import Path

from scratch import ROOT, databases, env_for, p95, peer_checkout, pg, run  # bench/scratch.py

# list → (URL name, user, {case: GET parameters})
LISTS = {
    "petitions": ("petitions:staff_list", "canbo.bench", {
        "list": {},
        "search": {"q": "duong lien ap"},
        "filter": {"kind": "complaint", "due": "overdue"},
        "search_filter_sort": {"q": "duong", "status": "accepted", "sort": "due"},
    }),
    "drafts": ("consultations:staff_list", "canbo.bench", {
        "list": {},
        "search": {"q": "nghi quyet ho tro"},
        "filter": {"status": "open", "kind": "resolution"},
        "search_filter_sort": {"q": "nghi", "status": "open", "sort": "deadline"},
    }),
    "feedback124": ("oversight:feedback_inbox", "canbo.bench", {
        "list": {},
        "search": {"q": "giam doc"},
        "filter": {"status": "received", "due": "overdue"},
        "search_filter_sort": {"q": "chu tich", "status": "reviewing", "sort": "position"},
    }),
    "recommendations": ("oversight:recommendation_list", "canbo.bench", {
        "list": {},
        "search": {"q": "ra soat bang gia"},
        "filter": {"status": "issued", "due": "overdue"},
        "search_filter_sort": {"q": "ra soat", "status": "issued", "sort": "due"},
    }),
    "respondent": ("oversight:respondent_list", "traloi.bench", {
        "list": {},
        "search": {"q": "ra soat bang gia"},
        "filter": {"status": "issued", "due": "overdue"},
        "search_filter_sort": {"q": "ra soat", "status": "issued", "sort": "due"},
    }),
}  # fmt: skip

SEED = r"""
import datetime as dt, random, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from ykien.core.models import Role
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.core.models import UnitLevel
from ykien.petitions.models import Petition
try:
    from ykien.core.lists import fold_for_search
except ImportError:
    fold_for_search = None

n = int(sys.argv[1])
rng = random.Random(7)
province = make_unit("Ủy ban MTTQ tỉnh Vĩnh Long", code="BENCH")
communes = [make_unit(f"Ủy ban MTTQ xã Số {i}", parent=province, level=UnitLevel.COMMUNE,
                      code=f"BENCH-{i}") for i in range(30)]
units = [province, *communes]
officer = UserFactory(username="canbo.bench")
grant(officer, province, Role.OFFICER)
subjects = ["Đường liên ấp xuống cấp", "Đèn chiếu sáng hỏng", "Rác thải ở chợ", "Ngập nước khi mưa",
            "Tiếng ồn quán karaoke", "Cấp nước sinh hoạt", "Đất đai lấn chiếm", "Trợ cấp người cao tuổi"]
words = ("người dân phản ánh nhiều lần chính quyền địa phương chưa giải quyết đề nghị kiểm tra "
         "xử lý dứt điểm ảnh hưởng đời sống sinh hoạt của bà con trong ấp xã huyện tỉnh").split()
kinds = ["report", "request", "complaint", "denunciation"]
states = ["received", "accepted", "settled", "answered", "refused"]
today = dt.date.today()
batch = []
for i in range(n if "petitions" in sys.argv[2].split(",") else 0):
    subject = rng.choice(subjects) + f" số {i % 997}"
    content = " ".join(rng.choice(words) for _ in range(60))
    kind = rng.choice(kinds)
    received = today - dt.timedelta(days=rng.randint(0, 700))
    p = Petition(code=f"B{i:08d}", kind=kind, submitted_kind=kind, subject=subject, content=content,
                 unit=rng.choice(units), channel="web", received_on=received,
                 status=rng.choice(states), due_date=received + dt.timedelta(days=rng.randint(5, 60)))
    if fold_for_search is not None:
        p.search_text = fold_for_search(subject, content)
    batch.append(p)
    if len(batch) == 5000:
        Petition.objects.bulk_create(batch)
        batch = []
Petition.objects.bulk_create(batch)

# --- the other lists' records, each --petitions of them
from ykien.core.models import UnitKind
from ykien.consultations.models import Draft
from ykien.oversight.models import (Activity, ConductFeedback, Finding, OfficialPosition,
                                    Recommendation)
wanted = set(sys.argv[2].split(","))
agencies = [make_unit(f"Sở Ngành Số {i} tỉnh Vĩnh Long", parent=province, kind=UnitKind.STATE,
                      code=f"BENCH-S{i}") for i in range(20)]
respondent = UserFactory(username="traloi.bench")
grant(respondent, agencies[0], Role.RESPONDENT)
def has(model, name):
    return any(f.name == name for f in model._meta.get_fields())
def bulk(model, rows):
    for k in range(0, len(rows), 5000):
        model.objects.bulk_create(rows[k:k + 5000])
if "drafts" in wanted:
    titles = ["Dự thảo Nghị quyết hỗ trợ hợp tác xã", "Dự thảo Quyết định về giá đất",
              "Dự thảo Kế hoạch phát triển đô thị", "Dự thảo Nghị quyết học phí",
              "Dự thảo Quy định bảo vệ môi trường"]
    rows = []
    for i in range(n):
        received = today - dt.timedelta(days=rng.randint(0, 700))
        d = Draft(unit=rng.choice(units), drafting_unit=rng.choice(agencies),
                  title=rng.choice(titles) + f" số {i % 997}", kind=rng.choice(
                      ["resolution", "decision", "plan"]), form="written", received_on=received,
                  comment_end=received + dt.timedelta(days=rng.randint(10, 40)),
                  status=rng.choice(["received", "review", "open", "closed", "issued"]))
        if has(Draft, "search_text") and fold_for_search is not None:
            d.search_text = fold_for_search(d.title, d.summary, d.drafting_unit.name)
        rows.append(d)
    bulk(Draft, rows)
if "feedback124" in wanted:
    positions = [OfficialPosition.objects.create(unit=a, title=t) for a in agencies
                 for t in ("Giám đốc", "Phó Giám đốc", "Chủ tịch")]
    rows = []
    for i in range(n):
        received = today - dt.timedelta(days=rng.randint(0, 700))
        pos = rng.choice(positions)
        f = ConductFeedback(position=pos, front=province, content="Nội dung phản ánh.",
                            received_on=received, tracking_code=f"PA124-B{i:07d}",
                            status=rng.choice(["received", "reviewing", "concluded", "dismissed"]))
        if has(ConductFeedback, "review_due"):
            f.review_due = received + dt.timedelta(days=30)
            f.search_text = fold_for_search(f.tracking_code, f.tracking_code.replace("-", ""),
                                            pos.title, pos.unit.name)
        rows.append(f)
    bulk(ConductFeedback, rows)
if wanted & {"recommendations", "respondent"}:
    activity = Activity.objects.create(unit=province, form="document_review", status="reported",
                                       title="Xem xét quyết định về giá đất", content="Nội dung.", planned_on=today,
                                       subject=agencies[0])
    finding = Finding.objects.create(activity=activity, text="Giá đất chưa sát thị trường.")
    texts = ["Rà soát, điều chỉnh bảng giá đất ven biển", "Công khai quy hoạch khu dân cư",
             "Đẩy nhanh tiến độ chi trả bồi thường", "Kiểm tra chất lượng công trình"]
    rows = []
    for i in range(n):
        issued = today - dt.timedelta(days=rng.randint(0, 700))
        rows.append(Recommendation(activity=activity, finding=finding, issuer=province,
                                   addressee=rng.choice(agencies[:3]),
                                   text=rng.choice(texts) + f" số {i % 997}", issued_on=issued,
                                   answer_due=issued + dt.timedelta(days=30),
                                   status=rng.choice(["issued", "done", "in_progress",
                                                      "explained", "closed"])))
    bulk(Recommendation, rows)
    if has(Recommendation, "search_text"):  # the number is known once stored
        recs = list(Recommendation.objects.select_related("addressee", "issuer", "activity"))
        for rec in recs:
            rec.search_text = rec.fold_search_text()
        Recommendation.objects.bulk_update(recs, ["search_text"], batch_size=2000)
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as c:
        c.execute("ANALYZE")
print(Petition.objects.count())
"""

MEASURE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.test import Client
from django.urls import reverse
from ykien.core.models import User


n = int(sys.argv[1])
lists = json.loads(sys.argv[2])
out = {}
for key, (url_name, username, cases) in lists.items():
    client = Client()
    client.force_login(User.objects.get(username=username))
    url = reverse(url_name)
    for name, params in cases.items():
        times = []
        for i in range(n + 3):
            t0 = time.perf_counter()
            response = client.get(url, params)
            elapsed = (time.perf_counter() - t0) * 1000
            # A checkout without a filter answers 400 for it: its time is still the page's.
            assert response.status_code in (200, 400), (key, name, response.status_code)
            if i >= 3:
                times.append(elapsed)
        out[f"{key}/{name}"] = times
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", type=Path, help="the other checkout (default: HEAD)")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--petitions", type=int, default=100_000, help="rows of each list")
    parser.add_argument(
        "--lists", default=",".join(LISTS), help="comma-separated, of: " + ", ".join(LISTS)
    )
    opts = parser.parse_args()
    chosen = {k: LISTS[k] for k in opts.lists.split(",")}
    dbs = databases(opts.db)
    results = []
    with (
        tempfile.TemporaryDirectory(prefix="ykien-bench-lists-") as tmp,
        peer_checkout(opts.peer, Path(tmp)) as peer,
    ):
        sides = {"ours": ROOT, "peer": peer}
        for db in dbs:
            times: dict[str, dict[str, list[float]]] = {}
            for side, checkout in sides.items():
                var = Path(tmp) / f"{db}-{side}"
                name = f"bench_lists_{side}_{uuid.uuid4().hex[:8]}"
                if db == "postgresql":
                    pg(f'CREATE DATABASE "{name}"')
                env = env_for(checkout, db, var, name)
                run(SEED, env, str(opts.petitions), ",".join(chosen))
                out = run(MEASURE, env, str(opts.n), json.dumps(chosen))
                times[side] = json.loads(out.strip().splitlines()[-1])
                if db == "postgresql":
                    pg(f'DROP DATABASE "{name}"')
            for case in times["ours"]:
                ours, theirs = times["ours"][case], times["peer"][case]
                key, name = case.split("/")
                results.append(
                    f"RESULT db={db} list={key} case={name} n={len(ours)} "
                    f"rows={opts.petitions} "
                    f"ours_p50_ms={statistics.median(ours):.1f} ours_p95_ms={p95(ours):.1f} "
                    f"peer_p50_ms={statistics.median(theirs):.1f} "
                    f"peer_p95_ms={p95(theirs):.1f}"
                )
    print("\n".join(results))


if __name__ == "__main__":
    main()
