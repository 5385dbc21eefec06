"""Every question is answered before the minutes: the minutes are refused while one waits (its
number said, nothing issued), and one answer goes to the questions that ask the same in other
words (the head's near-duplicate grouping), each its own step of the lifecycle, so that every
citizen who asked is answered and told."""

from __future__ import annotations

import pytest

from ykien.core.errors import ValidationFailed
from ykien.core.models import AuditEvent
from ykien.core.permissions import SYSTEM
from ykien.dialogue import services as s
from ykien.dialogue.codes import ErrorCode
from ykien.dialogue.forms import QuestionChoiceField
from ykien.dialogue.models import DialogueStatus, Question, QuestionStatus
from ykien.dialogue.selectors import question_twins, unanswered_numbers
from ykien.dialogue.tests.conftest import ask, dialogue_in

pytestmark = pytest.mark.django_db

ROAD = (
    "Khi nào xã sửa lại tuyến đường liên ấp bị sạt lở sau mùa mưa năm nay?",
    "Xin hỏi khi nào xã sửa tuyến đường liên ấp bị sạt lở sau mùa mưa năm nay?",
    "khi nao xa sua lai tuyen duong lien ap bi sat lo sau mua mua nam nay",
)
# Near miss: the same words about another road and another season is another question.
WATER = (
    "Nước sạch ở ấp 3 thường bị cắt vào buổi chiều, xã có kế hoạch nâng cấp trạm cấp nước không?"
)
ANSWER = "Xã khởi công sửa tuyến đường liên ấp trong tháng tới."
ONE = "Câu hỏi số %s chưa được trả lời."
MANY = "Các câu hỏi số %s chưa được trả lời."


def _held(w, *texts: str):
    dialogue = dialogue_in(w, DialogueStatus.OPEN)
    questions = [ask(dialogue, text) for text in texts]
    return s.dialogue_hold(actor=SYSTEM, dialogue=dialogue), questions


def _issue(w, dialogue):
    return s.dialogue_issue_minutes(
        actor=w.leader, dialogue=dialogue, number="9/BB-MTTQ", summary="Hội nghị có 60 đại biểu."
    )


def _state(dialogue):
    return (
        list(dialogue.questions.values_list("pk", "status", "answer")),
        dialogue.__class__.objects.filter(pk=dialogue.pk)
        .values_list("status", "minutes_number")
        .get(),
        AuditEvent.objects.count(),
    )


def test_the_twins_of_a_question_are_its_near_duplicates_only(world):
    _dialogue, (a, b, c, water) = _held(world, *ROAD, WATER)
    twins = question_twins(dialogue=a.dialogue)
    assert [q.pk for q in twins[a.pk]] == [b.pk, c.pk]
    assert [q.pk for q in twins[c.pk]] == [a.pk, b.pk]
    assert twins[water.pk] == []


def test_minutes_are_refused_while_a_question_waits_and_nothing_changes(world):
    dialogue, (a, b, c, water) = _held(world, *ROAD, WATER)
    s.question_answer(actor=world.officer, question=a, answer=ANSWER)
    before = _state(dialogue)
    with pytest.raises(ValidationFailed) as refused:
        _issue(world, dialogue)
    assert str(refused.value).startswith(MANY % "2, 3, 4")
    assert refused.value.code == ErrorCode.UNANSWERED
    assert _state(dialogue) == before
    assert unanswered_numbers(dialogue) == [2, 3, 4]

    s.question_answer(actor=world.officer, question=b, answer=ANSWER)
    s.question_hide(actor=world.officer, question=c, reason="Trùng câu hỏi số 1.")
    with pytest.raises(ValidationFailed) as refused:
        _issue(world, dialogue)
    assert str(refused.value).startswith(ONE % "4")

    s.question_answer(actor=world.officer, question=water, answer="Sẽ trả lời bằng văn bản.")
    issued = _issue(world, dialogue)
    assert (issued.status, issued.minutes_number) == (DialogueStatus.MINUTES, "9/BB-MTTQ")


def test_one_answer_goes_to_the_twins_each_through_the_lifecycle(world):
    dialogue, (a, b, c, water) = _held(world, *ROAD, WATER)
    s.question_answer(actor=world.officer, question=c, answer="Đã trả lời riêng.")
    audits = AuditEvent.objects.filter(action="dialogue.question.answer").count()
    s.question_answer(
        actor=world.officer,
        question=a,
        answer=ANSWER,
        twins=question_twins(dialogue=dialogue)[a.pk] + [water],  # water: not a twin, but …
    )
    got = dict(dialogue.questions.values_list("pk", "answer"))
    # … the service answers whatever it is given that still waits; c keeps its own answer.
    assert got == {a.pk: ANSWER, b.pk: ANSWER, c.pk: "Đã trả lời riêng.", water.pk: ANSWER}
    assert AuditEvent.objects.filter(action="dialogue.question.answer").count() == audits + 3
    for q in Question.objects.filter(pk__in=[a.pk, b.pk]):
        assert q.status == QuestionStatus.ANSWERED
        assert q.answered_on == dialogue.held_on


def test_an_answer_refused_answers_no_twin(world):
    dialogue, (a, b, _c) = _held(world, *ROAD)
    before = _state(dialogue)
    with pytest.raises(ValidationFailed):
        s.question_answer(actor=world.officer, question=a, answer="   ", twins=[b])
    assert _state(dialogue) == before


def test_a_twin_of_another_dialogue_is_never_answered(world):
    _dialogue, (a,) = _held(world, ROAD[0])
    _other, (stranger,) = _held(world, ROAD[1])
    s.question_answer(actor=world.officer, question=a, answer=ANSWER, twins=[stranger])
    stranger.refresh_from_db()
    assert (stranger.status, stranger.answer) == (QuestionStatus.RECEIVED, "")


def _page(client, dialogue) -> str:
    return client.get(f"/can-bo/doi-thoai/{dialogue.pk}/").content.decode()


def test_the_officers_page_offers_the_twins_and_answers_them(world, client, no_otp):
    dialogue, (a, _b, _c, _water) = _held(world, *ROAD, WATER)
    client.force_login(world.officer)
    page = _page(client, dialogue)
    assert "Trả lời chung cho các câu hỏi số 2, 3 (cùng nội dung)" in page
    assert "Trả lời chung cho các câu hỏi số 1, 2 (cùng nội dung)" in page
    assert page.count("Trả lời chung cho") == 3  # not on the question about water
    # The officer (who does not issue the minutes) is told what holds them back too.
    assert 'data-testid="waiting">Chưa trả lời: câu hỏi số 1, 2, 3, 4.' in page

    response = client.post(
        f"/can-bo/doi-thoai/cau-hoi/{a.pk}/answer/",
        {f"q{a.pk}-answer": ANSWER, f"q{a.pk}-twins": "on"},
        follow=True,
    )
    assert "Đã ghi nội dung trả lời cho 3 câu hỏi." in response.content.decode()
    assert list(dialogue.questions.values_list("answer", flat=True)) == [ANSWER] * 3 + [""]
    after = _page(client, dialogue)
    assert "Trả lời chung cho" not in after
    assert 'data-testid="waiting">Chưa trả lời: câu hỏi số 4.' in after


def test_unticked_the_answer_goes_to_that_question_alone(world, client, no_otp):
    dialogue, (_a, b, _c) = _held(world, *ROAD)
    client.force_login(world.officer)
    response = client.post(
        f"/can-bo/doi-thoai/cau-hoi/{b.pk}/answer/", {f"q{b.pk}-answer": ANSWER}, follow=True
    )
    assert "Đã ghi nội dung trả lời." in response.content.decode()
    assert list(dialogue.questions.values_list("answer", flat=True)) == ["", ANSWER, ""]
    # What is left of the group is still offered together.
    assert "Trả lời chung cho câu hỏi số 3 (cùng nội dung)" in _page(client, dialogue)


def test_the_officers_page_refuses_the_minutes_with_the_numbers(world, client, no_otp):
    dialogue, (a, _b, _c) = _held(world, *ROAD)
    s.question_answer(actor=world.officer, question=a, answer=ANSWER)
    client.force_login(world.leader)
    assert (
        '<p class="message" data-testid="waiting">Chưa trả lời: câu hỏi số 2, 3. Biên bản chỉ '
        "ban hành được khi mọi câu hỏi đã được trả lời hoặc đã ghi lý do không đưa ra đối thoại."
        "</p>" in _page(client, dialogue)
    )
    before = _state(dialogue)
    response = client.post(
        f"/can-bo/doi-thoai/{dialogue.pk}/buoc/issue_minutes/",
        {"number": "9/BB-MTTQ", "summary": "Hội nghị có 60 đại biểu."},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert MANY % "2, 3" in text
    assert 'value="9/BB-MTTQ"' in text  # what was typed is kept
    assert _state(dialogue) == before


def test_english_page_says_it_in_english(world, client, no_otp, settings):
    dialogue, (_a, _b, _c) = _held(world, *ROAD)
    client.force_login(world.leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/can-bo/doi-thoai/{dialogue.pk}/").content
    assert "Answer questions 2, 3 too (they ask the same)" in page.decode()
    response = client.post(
        f"/can-bo/doi-thoai/{dialogue.pk}/buoc/issue_minutes/",
        {"number": "9/BB", "summary": "Sixty attended."},
    )
    assert response.status_code == 400
    assert "Questions 1, 2, 3 have not been answered." in response.content.decode()


def test_the_checkbox_label_has_no_colon(world, client, no_otp):
    dialogue, _questions = _held(world, *ROAD)
    client.force_login(world.officer)
    assert "(cùng nội dung)</label>" in _page(client, dialogue)
    assert "(cùng nội dung):" not in _page(client, dialogue)


def test_the_reason_a_question_is_left_out_is_shown_to_staff_only(world, client, no_otp):
    dialogue, (a, b) = _held(world, ROAD[0], WATER)
    client.force_login(world.officer)
    empty = client.post(f"/can-bo/doi-thoai/cau-hoi/{b.pk}/hide/", {f"q{b.pk}-reason": ""})
    assert empty.status_code == 400
    assert "Nhập lý do." in empty.content.decode()
    done = client.post(
        f"/can-bo/doi-thoai/cau-hoi/{b.pk}/hide/",
        {f"q{b.pk}-reason": "Không thuộc thẩm quyền của xã."},
        follow=True,
    )
    assert "Đã ghi lý do không đưa ra đối thoại." in done.content.decode()
    assert "<strong>Lý do không đưa ra đối thoại:</strong> Không thuộc thẩm quyền của xã." in _page(
        client, dialogue
    )
    s.question_answer(actor=world.officer, question=a, answer=ANSWER)
    client.force_login(world.leader)  # the minutes are a leader's
    issued = client.post(
        f"/can-bo/doi-thoai/{dialogue.pk}/buoc/issue_minutes/",
        {"number": "9/BB-MTTQ", "summary": "Hội nghị có 60 đại biểu."},
        follow=True,
    )
    assert "Đã ban hành biên bản đối thoại." in issued.content.decode()
    client.logout()
    public = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert "Không thuộc thẩm quyền" not in public
    assert WATER not in public


def test_the_commitment_form_names_each_question_by_its_number(world, client, no_otp):
    dialogue, (a, b, _c) = _held(world, *ROAD)
    client.force_login(world.officer)
    page = _page(client, dialogue)
    assert (
        f'<option value="{a.pk}">Câu hỏi số 1: Khi nào xã sửa lại tuyến đường liên ấp bị sạt lở '
        "sau mùa mưa năm nay?</option>" in page
    )
    assert (
        f'<option value="{b.pk}">Câu hỏi số 2: Xin hỏi khi nào xã sửa tuyến đường liên ấp bị '
        "sạt lở sau mùa mưa năm nay?</option>" in page
    )
    # A question left out is not offered; the others keep their numbers.
    s.question_hide(actor=world.officer, question=a, reason="Trùng câu hỏi số 2.")
    page = _page(client, dialogue)
    assert f'<option value="{a.pk}">' not in page
    assert f'<option value="{b.pk}">Câu hỏi số 2: ' in page
    # A long one is cut after its first 20 words.
    field = QuestionChoiceField(queryset=Question.objects.none())
    field.numbers = {a.pk: 7}
    a.text = "Một hai ba bốn năm sáu bảy tám chín mười " * 3
    assert field.label_from_instance(a) == (
        "Câu hỏi số 7: Một hai ba bốn năm sáu bảy tám chín mười Một hai ba bốn năm sáu bảy tám "
        "chín mười…"
    )


def test_list_headings_are_plural_in_english_and_unchanged_in_vietnamese(
    world, client, no_otp, settings
):
    dialogue, _questions = _held(world, *ROAD)
    client.force_login(world.leader)
    page = client.get(f"/can-bo/doi-thoai/{dialogue.pk}/").content.decode()
    assert '<h2 id="q-title">Câu hỏi</h2>' in page
    assert '<h2 id="c-title">Cam kết</h2>' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/can-bo/doi-thoai/{dialogue.pk}/").content.decode()
    assert '<h2 id="q-title">Questions</h2>' in page
    assert '<h2 id="c-title">Commitments</h2>' in page
    desk = client.get("/can-bo/doi-thoai/").content.decode()
    assert ">Questions<" in desk
    assert ">Commitments<" in desk
