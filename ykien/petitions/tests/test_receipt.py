"""The receipt's heading (Nghị định 30/2020/NĐ-CP): the body the receiving unit belongs to over
the body that issues it, never the platform's name."""

import io

import pypdf
import pytest
from django.urls import reverse

from ykien.core.models import UnitKind, UnitLevel
from ykien.core.tests.factories import make_unit
from ykien.petitions.receipts import receipt_spec

from .conftest import submit

pytestmark = pytest.mark.django_db


def _lines(response) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_a_front_committee_receipt_is_headed_by_the_committee_over_its_standing_board(client, tree):
    petition = submit(tree.prov_new)
    spec = receipt_spec(petition)
    assert (spec.superior, spec.issuer) == ("Ủy ban MTTQ tỉnh Vĩnh Long", "Ban Thường trực")
    response = client.get(reverse("petitions:receipt", args=[petition.display_code]))
    lines = _lines(response)
    superior = next(i for i, line in enumerate(lines) if "ỦY BAN MTTQ TỈNH VĨNH LONG" in line)
    assert "BAN THƯỜNG TRỰC" in lines[superior + 1]
    assert not any("Ý KIẾN" in line.upper() for line in lines[: superior + 2])
    assert all("Ý Kiến" not in line for line in lines)


def test_a_state_agency_filed_under_the_front_has_no_superior_line(tree):
    spec = receipt_spec(submit(tree.agency_new))
    assert (spec.superior, spec.issuer) == ("", "Ủy ban nhân dân tỉnh Vĩnh Long")


def test_a_department_is_headed_by_its_peoples_committee(tree):
    department = make_unit(
        "Sở Xây dựng tỉnh Vĩnh Long",
        parent=tree.agency_new,
        kind=UnitKind.STATE,
        level=UnitLevel.PROVINCE,
        code="N-SXD",
        valid_from=tree.agency_new.valid_from,
    )
    spec = receipt_spec(submit(department))
    assert (spec.superior, spec.issuer) == (
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        "Sở Xây dựng tỉnh Vĩnh Long",
    )
