"""Benchmark: the pickers' suggestion endpoints with 10,000 units (and 100,000 petitions).

    .venv/bin/python bench/pickers.py                       # SQLite, and PostgreSQL if reachable
    .venv/bin/python bench/pickers.py --db sqlite --units 10000 --petitions 0 --n 200

For each database a scratch database is migrated and filled by bulk inserts: the central
committee, 63 provinces ended on 30/6/2025 and their ~700 districts (each linked by a
``UnitSuccession`` to what it became), 34 current provinces, and current communes up to
``--units`` units in all (names built from real Vietnamese place syllables); ``--petitions``
petitions under one province's communes; an officer of that province. A measuring process signs
the officer in (Django's test client, the whole request: middleware, permission, JSON) and times
``--n`` GETs of ``/can-bo/goi-y/don-vi/?q=…`` (and of the transfer form's ``hien-hanh=1``
variant, and of the petition picker) after 5 untimed ones, with real-looking prefixes: one to
three words of a unit's place name, with or without diacritics, the last word cut short.

Ends with one line per (database, case):
    RESULT db=sqlite case=units n=200 units=10000 p50_ms=... p95_ms=... max_ms=...
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import uuid
from pathlib import Path

from scratch import ROOT, databases, env_for, p95, pg, run  # bench/scratch.py

SEED = r"""
import datetime as dt, random, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from ykien.core.models import Role, Unit, UnitSuccession, UnitLevel, UnitKind, User
from ykien.core.tests.factories import UserFactory, grant
from ykien.core.lists import fold_for_search
from ykien.petitions.models import Petition

n_units, n_petitions = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(11)
syllables = ("An Bình Châu Đông Hòa Hưng Long Mỹ Phú Phước Tân Thành Thạnh Thới Trà Vinh Cần Thơ "
             "Càng Cầu Kè Tiểu Cần Duyên Hải Sóc Trăng Bạc Liêu Cà Mau Hậu Giang Vĩnh Lợi Xuân "
             "Quang Trung Nghĩa Hiệp Lộc Thuận Lợi Đức Hải Sơn Giang Kiên Lương Mường Nậm Điện "
             "Biên Hà Nam Định Ninh Thái Tuyên Yên Bắc Lạng Cao Lào Hạ Kon Tum Gia Lai Đắk Nông").split()
REFORM = dt.date(2025, 7, 1)
END = REFORM - dt.timedelta(days=1)
def place(k):
    return " ".join(rng.choice(syllables) for _ in range(k))
rows, links = [], []
def add(name, parent, level, valid_from=dt.date(1976, 7, 2), valid_to=None):
    pk = len(rows) + 1
    path = (parent.path if parent else "/") + f"{pk}/"
    unit = Unit(pk=pk, code=f"U-{pk}", name=name, level=level, kind=UnitKind.FRONT,
                parent=parent, path=path, depth=path.count("/") - 2,
                valid_from=valid_from, valid_to=valid_to)
    rows.append(unit)
    return unit
central = add("Ủy ban Trung ương MTTQ Việt Nam", None, UnitLevel.CENTRAL)
current = [add(f"Ủy ban MTTQ tỉnh {place(2)}", central, UnitLevel.PROVINCE, REFORM)
           for _ in range(34)]
former = [add(f"Ủy ban MTTQ tỉnh {place(2)}", central, UnitLevel.PROVINCE, valid_to=END)
          for _ in range(63)]
for i, old in enumerate(former):
    links.append((old, current[i % 34]))
districts = [add(f"Ủy ban MTTQ huyện {place(2)}", rng.choice(former), UnitLevel.DISTRICT,
                 valid_to=END) for _ in range(700)]
communes = []
while len(rows) < n_units:
    communes.append(add(f"Ủy ban MTTQ xã {place(2)}", rng.choice(current), UnitLevel.COMMUNE,
                        REFORM))
for d in districts:
    links.append((d, rng.choice(communes)))
Unit.objects.bulk_create(rows, batch_size=2000)
UnitSuccession.objects.bulk_create(
    [UnitSuccession(predecessor=a, successor=b, effective=REFORM) for a, b in links],
    batch_size=2000)
home = current[0]
officer = UserFactory(username="canbo.bench")
grant(officer, home, Role.OFFICER)
mine = [c for c in communes if c.parent_id == home.pk] or [home]
subjects = ["Đường liên ấp xuống cấp", "Đèn chiếu sáng hỏng", "Rác thải ở chợ", "Ngập nước khi mưa",
            "Tiếng ồn quán karaoke", "Cấp nước sinh hoạt", "Đất đai lấn chiếm"]
today = dt.date.today()
batch = []
for i in range(n_petitions):
    received = today - dt.timedelta(days=rng.randint(0, 700))
    subject = rng.choice(subjects) + f" số {i % 997}"
    batch.append(Petition(code=f"P{i:08d}", kind="report", submitted_kind="report",
                          subject=subject, content="Nội dung.", search_text=fold_for_search(
                              subject, "Nội dung."),
                          unit=rng.choice(mine), channel="web", received_on=received,
                          status="received", due_date=received + dt.timedelta(days=10)))
    if len(batch) == 5000:
        Petition.objects.bulk_create(batch)
        batch = []
Petition.objects.bulk_create(batch)
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as c:
        c.execute("SELECT setval(pg_get_serial_sequence('core_unit', 'id'), %s)", [len(rows)])
        c.execute("ANALYZE")
print(Unit.objects.count(), Petition.objects.count())
"""

MEASURE = r"""
import json, random, sys, time
import django
django.setup()
from django.test import Client
from django.urls import reverse
from ykien.analysis.text import fold
from ykien.core.models import Unit, User


n = int(sys.argv[1])
rng = random.Random(5)
names = list(Unit.objects.values_list("name", flat=True))
def prefix():
    words = rng.choice(names).split()[3:]  # the place: after "Ủy ban MTTQ xã"
    k = rng.randint(1, len(words))
    text = " ".join(words[:k])
    text = text[: max(2, len(text) - rng.randint(0, 2))]
    return fold(text) if rng.random() < 0.5 else text
queries = [prefix() for _ in range(n + 5)]
client = Client()
client.force_login(User.objects.get(username="canbo.bench"))
cases = {
    "units": (reverse("core:suggest_units"), {}),
    "units_current": (reverse("core:suggest_units"), {"hien-hanh": "1"}),
    "petitions": (reverse("petitions:suggest"), {}),
}
out = {}
for name, (url, extra) in cases.items():
    times = []
    for i, q in enumerate(queries):
        if name == "petitions":
            q = rng.choice(["duong lien", "den chieu", "rác thải", "ngap nuoc", "so 12", "#15"])
        t0 = time.perf_counter()
        response = client.get(url, {"q": q, **extra})
        elapsed = (time.perf_counter() - t0) * 1000
        assert response.status_code == 200, (name, response.status_code, response.content[:200])
        if i >= 5:
            times.append(elapsed)
    out[name] = times
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--petitions", type=int, default=100_000)
    opts = parser.parse_args()
    dbs = databases(opts.db)
    results = []
    with tempfile.TemporaryDirectory(prefix="ykien-bench-pickers-") as tmp:
        for db in dbs:
            name = f"bench_pickers_{uuid.uuid4().hex[:8]}"
            if db == "postgresql":
                pg(f'CREATE DATABASE "{name}"')
            try:
                env = env_for(ROOT, db, Path(tmp) / db, name)
                run(SEED, env, str(opts.units), str(opts.petitions))
                out = run(MEASURE, env, str(opts.n))
                times = json.loads(out.strip().splitlines()[-1])
            finally:
                if db == "postgresql":
                    pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for case, values in times.items():
                results.append(
                    f"RESULT db={db} case={case} n={len(values)} units={opts.units} "
                    f"petitions={opts.petitions} p50_ms={statistics.median(values):.1f} "
                    f"p95_ms={p95(values):.1f} max_ms={max(values):.1f}"
                )
    print("\n".join(results))


if __name__ == "__main__":
    main()
