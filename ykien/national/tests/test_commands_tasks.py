"""`ykien national bench-draft` and `ykien national rollup`, the rollup task, and the staff page
that sets up, opens and closes a ballot."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from ykien.core.models import AuditEvent, Role, User
from ykien.core.tests.factories import UserFactory, grant
from ykien.national import selectors, services, tasks
from ykien.national.models import ModeStatus, NationalMode, TallyDelta
from ykien.national.tests.conftest import make_mode, voter

pytestmark = pytest.mark.django_db


def test_bench_draft_prints_the_id_of_an_open_national_draft(tree):
    out = io.StringIO()
    call_command("national", "bench-draft", "--articles", "120", stdout=out)
    draft_id = int(out.getvalue().strip())
    mode = NationalMode.objects.get(draft_id=draft_id)
    assert mode.status == ModeStatus.OPEN
    assert mode.phase == "open"
    assert [a["number"] for a in mode.articles] == [str(i) for i in range(1, 121)]
    result = services.ballot_submit(
        draft_id=draft_id,
        voter=voter(1),
        overall="agree",
        articles={str(i): services.ArticleChoice("agree") for i in range(1, 121)},
    )
    assert result.created is True


def test_rollup_command_and_task_count_the_queue(mode):
    services.ballot_submit(draft_id=mode.draft_id, voter=voter(1), overall="agree", articles={})
    out = io.StringIO()
    call_command("national", "rollup", stdout=out)
    assert f"draft={mode.draft_id} counted=1" in out.getvalue()
    services.ballot_submit(draft_id=mode.draft_id, voter=voter(2), overall="none", articles={})
    assert TallyDelta.objects.count() == 1
    tasks.enqueue_rollup(mode.draft_id)  # the immediate backend of the tests runs it now
    assert TallyDelta.objects.count() == 0
    mode.refresh_from_db()
    assert mode.ballots == 2
    assert selectors.results(mode=mode).national[0].none == 1


def test_staff_page_sets_up_opens_and_closes(client, tree, assembly):
    from ykien.consultations.models import Draft

    mode = make_mode(tree, assembly, open_now=False)
    draft = Draft.objects.get(pk=mode.draft_id)
    NationalMode.objects.filter(pk=mode.pk).delete()
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    officer = UserFactory(username="tw", kind=User.Kind.OFFICER)
    grant(officer, tree.central, Role.OFFICER)
    outsider = UserFactory(username="tinh", kind=User.Kind.OFFICER)
    grant(outsider, tree.prov_b, Role.OFFICER)
    url = f"/can-bo/tham-van-quoc-gia/{draft.pk}/"
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    staff_page = client.get(f"/can-bo/du-thao/{draft.pk}/")
    assert staff_page.status_code == 200
    assert f'<a href="{url}">Lấy ý kiến toàn quốc (phiếu theo từng điều)</a>' in (
        staff_page.content.decode()
    )
    bad = client.post(url, {"action": "setup", "start": "2026-11-30", "end": "2026-11-20"})
    assert bad.status_code == 400
    assert NationalMode.objects.count() == 0
    assert (
        client.post(
            url, {"action": "setup", "start": "2026-11-26", "end": "2026-12-10"}
        ).status_code
        == 302
    )
    assert NationalMode.objects.get().status == ModeStatus.PLANNED
    assert "Mở lấy phiếu" in client.get(url).content.decode()
    assert client.post(url, {"action": "open"}).status_code == 302
    assert client.post(url, {"action": "close", "reason": "Đủ phiếu"}).status_code == 302
    assert NationalMode.objects.get().status == ModeStatus.CLOSED
    assert client.post(url, {"action": "close"}).status_code == 400
    assert list(
        AuditEvent.objects.filter(action__startswith="national.", id__gt=before)
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["national.mode.setup", "national.mode.open", "national.mode.close"]


def test_a_ballot_finding_the_counts_stale_asks_for_a_rollup(mode):
    services._HEAL["at"] = 0.0
    services.ballot_submit(draft_id=mode.draft_id, voter=voter(1), overall="agree", articles={})
    # Never rolled up: the ballot asked for a rollup (run at once by the tests' task backend).
    assert TallyDelta.objects.count() == 0
    mode.refresh_from_db()
    assert mode.ballots == 1
    services.ballot_submit(draft_id=mode.draft_id, voter=voter(2), overall="agree", articles={})
    assert TallyDelta.objects.count() == 1  # asked at most every HEAL_EVERY seconds
