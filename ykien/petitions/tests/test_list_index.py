"""The staff list's search index (``core.fulltext``: FTS5 on SQLite, kept by triggers) and the
two-step page (``core.lists.page_of``): the same rows as the plain ``LIKE`` search and the plain
page, on both databases."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count

from ykien.core import fulltext, lists
from ykien.petitions.models import Petition
from ykien.petitions.tests.conftest import submit

pytestmark = pytest.mark.django_db
SQLITE = pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to("2026-03-02T09:00:00+07:00", tick=False)


def like(terms: list[str]) -> set[int]:
    qs = Petition.objects.all()
    for term in terms:
        qs = qs.filter(search_text__contains=" " + term)
    return set(qs.values_list("pk", flat=True))


def found(query: str) -> set[int]:
    terms = lists.search_terms(query)
    return set(
        lists.search(Petition.objects.all(), "search_text", terms).values_list("pk", flat=True)
    )


@pytest.fixture
def petitions(tree):
    return [
        submit(tree.prov_new, subject="Đường liên ấp xuống cấp"),
        submit(tree.prov_new, subject="Đèn chiếu sáng hỏng", content="Đèn đường ở ấp Mỹ Hòa tắt."),
        submit(tree.commune_new, subject="Rác thải ở chợ Đông", content="Chợ đầy rác, mùi hôi."),
        submit(tree.commune_new, subject="Cấp nước", content="Nước sinh hoạt đục; số 12B/3."),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "duong",
        "Đường",
        "DUONG lien",
        "du",
        "ap",
        "ap my hoa",
        "rac cho",
        "12b",
        "3",
        "nuoc duc",
        "xyz",
        "đèn tắt",
        '"quoted"',
        "lien-ap",
        "ap*",
        "OR",
        "NEAR(duong ap)",
    ],
)
def test_search_finds_the_rows_the_like_search_finds(petitions, query):
    terms = lists.search_terms(query)
    assert found(query) == like(terms)


def test_search_means_a_word_beginning_not_inside_a_word(petitions):
    # "uong" is inside "duong" and "nuoc" ends "nuoc": neither begins a word of the road petition
    assert petitions[0].pk not in found("uong")
    assert found("duong") >= {petitions[0].pk, petitions[1].pk}


@SQLITE
def test_the_index_and_its_triggers_exist_after_migrate():
    fts = fulltext.index_name(Petition, "search_text")
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE name LIKE %s", [fts + "%"])
        names = {row[1] for row in cursor.fetchall()}
    assert {fts, fts + "_ai", fts + "_ad", fts + "_au"} <= names


@SQLITE
def test_the_index_follows_updates_and_deletes(petitions):
    road = petitions[0]
    Petition.objects.filter(pk=road.pk).update(search_text=" bao lu ")
    assert road.pk in found("bao lu")
    assert road.pk not in found("duong lien")
    Petition.objects.filter(pk=road.pk).delete()
    assert found("bao") == set()


@SQLITE
def test_a_lost_trigger_is_restored_and_the_index_rebuilt(petitions):
    fts = fulltext.index_name(Petition, "search_text")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TRIGGER "{fts}_au"')
    Petition.objects.filter(pk=petitions[2].pk).update(search_text=" san choi ")
    assert petitions[2].pk not in found("san choi")  # the index lags without its trigger
    fulltext.ensure_indexes(using=connection.alias)
    assert found("san choi") == {petitions[2].pk}
    assert found("rac") == set()


def test_an_unregistered_column_is_searched_with_like(petitions):
    terms = ["duong"]
    assert fulltext.matching(Petition.objects.all(), "subject", terms) is None
    assert fulltext.matching(Petition.objects.all(), "search_text", []) is None
    indexed = fulltext.matching(Petition.objects.all(), "search_text", terms)
    assert (indexed is None) == (connection.vendor != "sqlite")


def test_query_quotes_each_term():
    assert fulltext.fts_query(["duong", 'a"b']) == '"duong"* "a""b"*'


class _Form(lists.ListForm):
    SORTS = {"received": ("received_on",)}
    DEFAULT_SORT = "-received"


def _page(qs, number=1, per_page=2):
    form = _Form({"page": str(number)})
    assert form.is_valid()
    return form, lists.page_of(form, qs.order_by(*form.ordering()), per_page=per_page)


def test_page_reads_the_rows_of_its_keys_in_order_with_their_joins(
    petitions, django_assert_max_num_queries
):
    qs = Petition.objects.select_related("unit")
    expected = list(qs.order_by("-received_on", "-pk"))
    _form, first = _page(qs)
    _form, second = _page(qs, 2)
    assert [p.pk for p in first] + [p.pk for p in second] == [p.pk for p in expected]
    assert first.paginator.count == 4
    with django_assert_max_num_queries(0):
        assert [p.unit.name for p in second]  # joined, no query per row


def test_page_of_an_annotated_queryset_keeps_the_annotation(petitions):
    qs = Petition.objects.annotate(n_events=Count("events"))
    _form, page = _page(qs, per_page=10)
    assert len(page) == 4
    assert all(p.n_events >= 1 for p in page)


def test_page_past_the_end_is_a_form_error(petitions):
    form, page = _page(Petition.objects.all(), 9)
    assert page is None
    assert form.errors["page"] == ["Trang 9 không tồn tại."]


def test_a_list_built_in_python_is_paged_as_it_is():
    form = _Form({"page": "2"})
    assert form.is_valid()
    page = lists.page_of(form, ["a", "b", "c"], per_page=2)
    assert list(page) == ["c"]


def test_deferred_fields_stay_deferred(petitions):
    qs = Petition.objects.defer("content")
    _form, page = _page(qs)
    assert "content" in page[0].get_deferred_fields()
