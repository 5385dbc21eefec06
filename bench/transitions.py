"""Benchmark: one state change through the service layer, this checkout against another.

    .venv/bin/python bench/transitions.py --peer /path/to/other/checkout
    .venv/bin/python bench/transitions.py --peer ../old --db sqlite --n 200 --rounds 3

Two transitions, each a real committed transaction as a handler or respondent makes it:

- ``petition_accept``: a handler accepts (thụ lý) a received petition;
- ``recommendation_answer``: an addressee's respondent answers an issued recommendation
  ("explained").

For each checkout and database a scratch database is seeded once with the demo (loaded with the
clock set to 26/11/2026 so that any checkout's demo loads), then a measuring process imports that
checkout (``PYTHONPATH``) and times ``--n`` calls of each service after one untimed call that
warms the process up: the petitions are copies of a
received demo petition made beforehand; the recommendation is put back to "issued" (row restored,
answer deleted) after each answer, outside the timed part. The two checkouts are measured in
alternating order, ``--rounds`` times, in the same sitting; the figure is the median per call.
Both checkouts run on this checkout's virtual environment (same Django, same drivers).

Ends with one line per (database, transition):
    RESULT case=sqlite op=petition_accept ours_ms=... peer_ms=... ratio=...
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import uuid
from pathlib import Path

from scratch import ROOT, env_for, pg, run  # bench/scratch.py

SEED = r"""
import datetime as dt, sys, time_machine
with time_machine.travel(dt.datetime(2026, 11, 26, 9, 0), tick=True):
    from ykien.cli import main
    main(["ykien", "demo", "--no-serve"])
"""

MEASURE = r"""
import json, os, secrets, statistics, sys, time
import django
django.setup()
from django.db import transaction
from ykien.core.models import User
from ykien.petitions import services as ps
from ykien.petitions.models import Petition
from ykien.oversight import services as os_
from ykien.oversight.models import Answer, Recommendation


n = int(sys.argv[1])
handler = User.objects.get(username="xuly.tinh")
received = [p for p in Petition.objects.filter(status="received").order_by("pk")
            if handler.has_perm("petitions.handle_petition", p)]
template = received[0]
copies = []
for i in range(n + 1):  # the first one warms the process up and is not counted
    p = Petition.objects.get(pk=template.pk)
    p.pk = None
    p.id = None
    p.code = ("B" + secrets.token_hex(4)).upper()
    p.save()
    copies.append(p)

def timed(fn):
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000

accept = [timed(lambda p=p: ps.petition_accept(actor=handler, petition=Petition.objects.get(pk=p.pk))) for p in copies][1:]
assert Petition.objects.filter(pk__in=[p.pk for p in copies], status="accepted").count() == n + 1

rec = None
for r in Recommendation.objects.filter(status="issued").order_by("pk"):
    for u in User.objects.filter(username__startswith="traloi"):
        if u.has_perm("oversight.answer", r):
            rec, respondent = r, u
            break
    if rec:
        break
assert rec is not None, "no issued recommendation with a respondent in the demo"
fields = [f.attname for f in Recommendation._meta.concrete_fields if not f.primary_key]
saved = {k: getattr(rec, k) for k in fields}
answer = []
for i in range(n + 1):
    before = set(Answer.objects.filter(recommendation=rec).values_list("pk", flat=True))
    answer.append(timed(lambda: os_.recommendation_answer(
        actor=respondent, recommendation=Recommendation.objects.get(pk=rec.pk), kind="explained",
        text="Cơ quan đã giải trình rõ lý do trong văn bản gửi kèm, đề nghị xem xét.",
    )))
    assert Recommendation.objects.get(pk=rec.pk).status == "explained"
    Answer.objects.filter(recommendation=rec).exclude(pk__in=before).delete()
    Recommendation.objects.filter(pk=rec.pk).update(**saved)
print(json.dumps({"petition_accept": accept, "recommendation_answer": answer[1:]}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", required=True, type=Path, help="the other checkout")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args()
    sides = {"ours": ROOT, "peer": opts.peer.resolve()}
    dbs = ["sqlite", "postgresql"] if opts.db == "both" else [opts.db]
    results = []
    with tempfile.TemporaryDirectory(prefix="ykien-bench-") as tmp:
        for db in dbs:
            seeded: dict[str, tuple[Path, str]] = {}
            for side, checkout in sides.items():
                var = Path(tmp) / f"{db}-{side}-seed"
                name = f"bench_tr_{side}_{uuid.uuid4().hex[:8]}"
                if db == "postgresql":
                    pg(f'CREATE DATABASE "{name}"')
                run(SEED, env_for(checkout, db, var, name))
                seeded[side] = (var, name)
            times: dict[str, dict[str, list[float]]] = {s: {} for s in sides}
            for r in range(opts.rounds):
                order = list(sides) if r % 2 == 0 else list(reversed(sides))
                for side in order:
                    var, name = seeded[side]
                    # every round starts from a copy of the seeded database
                    rvar = Path(tmp) / f"{db}-{side}-{r}"
                    shutil.copytree(var, rvar)
                    rname = f"{name}_r{r}"
                    if db == "postgresql":
                        pg(f'CREATE DATABASE "{rname}" TEMPLATE "{name}"')
                    out = json.loads(
                        run(MEASURE, env_for(sides[side], db, rvar, rname), str(opts.n))
                        .strip()
                        .splitlines()[-1]
                    )
                    if db == "postgresql":
                        pg(f'DROP DATABASE "{rname}"')
                    for op, values in out.items():
                        times[side].setdefault(op, []).extend(values)
            if db == "postgresql":
                for _var, name in seeded.values():
                    pg(f'DROP DATABASE "{name}"')
            for op in ("petition_accept", "recommendation_answer"):
                ours = statistics.median(times["ours"][op])
                peer = statistics.median(times["peer"][op])
                results.append(
                    f"RESULT case={db} op={op} n={len(times['ours'][op])} "
                    f"ours_ms={ours:.2f} peer_ms={peer:.2f} ratio={ours / peer:.2f}"
                )
    print("\n".join(results))


if __name__ == "__main__":
    main()
