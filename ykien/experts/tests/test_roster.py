"""The expert roster: consent rules, suggestions, permissions, pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ykien.core.errors import PermissionDenied
from ykien.core.models import Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.experts import selectors, services
from ykien.experts.models import Expert

pytestmark = pytest.mark.django_db


def _expert(unit, name, fields, *, consent=True, participation=0, community=""):
    expert = services.expert_create(
        actor=SYSTEM,
        unit=unit,
        data={
            "full_name": name,
            "kind": "scientist",
            "fields": fields,
            "email": f"{len(name)}@example.vn",
            "consent_contact": consent,
            "community": community,
            "community_consent": bool(community),
        },
    )
    Expert.objects.filter(pk=expert.pk).update(participation_count=participation)
    return expert


def test_community_is_kept_only_with_consent(tree):
    expert = services.expert_create(
        actor=SYSTEM,
        unit=tree.prov_new,
        data={
            "full_name": "Thạch Sô Phol",
            "kind": "respected",
            "fields": "dân tộc",
            "community": "Khmer",
            "community_consent": False,
        },
    )
    assert expert.community == ""
    expert = services.expert_update(
        actor=SYSTEM, expert=expert, data={"community": "Khmer", "community_consent": True}
    )
    assert expert.community == "Khmer"


def test_consent_to_contact_is_dated_and_cleared(tree, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC))
    expert = _expert(tree.prov_new, "Võ Bình", "kinh tế", consent=False)
    assert expert.consent_date is None
    expert = services.expert_update(actor=SYSTEM, expert=expert, data={"consent_contact": True})
    assert expert.consent_date == dt.date(2026, 11, 26)
    expert = services.expert_update(actor=SYSTEM, expert=expert, data={"consent_contact": False})
    assert expert.consent_date is None


def test_suggestions_rank_by_fields_then_participation_and_skip_no_consent(tree):
    a = _expert(tree.prov_new, "An", "đất đai, xây dựng", participation=1)
    b = _expert(tree.prov_new, "Bình", "đất đai", participation=5)
    _expert(tree.prov_new, "Cường", "đất đai, xây dựng", consent=False)
    _expert(tree.prov_new, "Dũng", "y tế")
    _expert(tree.prov_b, "Em", "đất đai, xây dựng")  # another province's roster
    found = selectors.experts_suggest(unit_ids={tree.prov_new.pk}, fields=["đất đai", "xây dựng"])
    assert [e.full_name for e in found] == [a.full_name, b.full_name]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (None, False),
        ("other", False),
        (Role.OFFICER, True),
        (Role.LEADER, True),
        (Role.RESPONDENT, False),
    ],
)
def test_roster_permissions(tree, role, allowed):
    user = UserFactory()
    if role == "other":
        grant(user, tree.prov_b, Role.OFFICER)
    elif role:
        grant(user, tree.prov_new, role, valid_from=dt.date(2025, 7, 1))
    assert user.has_perm("experts.manage_expert", tree.prov_new) is allowed
    assert AnonymousUser().has_perm("experts.manage_expert", tree.prov_new) is False
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.expert_create(
                actor=user,
                unit=tree.prov_new,
                data={"full_name": "X", "kind": "scientist", "fields": "y"},
            )


def test_officer_adds_an_expert_and_the_form_keeps_input_on_error(client, tree):
    officer = UserFactory()
    grant(officer, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    client.force_login(officer)
    data = {
        "unit": tree.prov_new.pk,
        "full_name": "Nguyễn Hân",
        "kind": "lawyer",
        "fields": "luật",
        "consent_contact": "on",
        "community": "Hoa",
        "active": "on",
    }
    response = client.post(reverse("experts:create"), data)
    body = response.content.decode()
    assert "Chỉ ghi cộng đồng dân tộc, tôn giáo khi người đó đồng ý cung cấp." in body
    assert "Cần thư điện tử hoặc số điện thoại để liên hệ." in body
    assert 'value="Nguyễn Hân"' in body
    data.update({"community_consent": "on", "email": "han@example.vn"})
    assert client.post(reverse("experts:create"), data).status_code == 302
    assert Expert.objects.get().community == "Hoa"
    assert "Nguyễn Hân" in client.get(reverse("experts:list")).content.decode()


def test_roster_page_refuses_citizens(client, tree):
    client.force_login(UserFactory())
    assert client.get(reverse("experts:list")).status_code == 403
