"""Demo data of direct dialogues, built through the services and relative to the load day
(``core.demo.DemoDays``; the story was written for 26 November 2026):

* Vĩnh Long, 2026: the front committee of a commune formed on 1 July 2025 organises a dialogue
  between the chairman of the commune People's Committee and the People; questions sent ahead
  (near-duplicates among them, one long, one not in Vietnamese), grouped; the session held with
  answers and a question raised on the spot; two commitments; the minutes issued; one commitment
  reported kept, the other overdue and escalated to the provincial front committee (by the same
  job as cron runs). Both are on the accountability board.
* Trà Vinh, 2024: the front committee of Càng Long district (before the merger) organises a
  dialogue with the district's Party secretary; closed, its one commitment kept.

Idempotent: nothing is added when the commune's front committee already has a dialogue.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ykien.core import services as core_services
from ykien.core.demo import DemoDays, Output
from ykien.core.models import Unit, UnitKind, UnitLevel
from ykien.core.permissions import SYSTEM
from ykien.core.unit_titles import area_word, head_title
from ykien.dialogue import services as s
from ykien.dialogue.models import Dialogue, Question, QuestionStatus
from ykien.dialogue.selectors import question_twins

D = dt.date


def _questions(word: str) -> list[str]:
    """The citizens' questions sent ahead; ``word``: "xã" or "phường", as the area is."""
    return [
        f"Khi nào {word} sửa lại tuyến đường liên ấp bị sạt lở sau mùa mưa năm nay?",
        "Đề nghị cho biết khi nào sửa tuyến đường liên ấp bị sạt lở sau mùa mưa năm nay.",
        f"Xin hỏi khi nào {word} sửa tuyến đường liên ấp bị sạt lở sau mùa mưa?",
        f"Nước sạch ở ấp 3 thường bị cắt vào buổi chiều, {word} có kế hoạch nâng cấp trạm cấp "
        "nước không?",
        f"Thủ tục cấp giấy chứng nhận quyền sử dụng đất sau sáp nhập {word} phải nộp ở đâu?",
        f"Hồ sơ đất đai nộp trước khi sáp nhập {word} nay do bộ phận nào giải quyết?",
        f"{word.capitalize()} có hỗ trợ chuyển đổi cây trồng cho hộ trồng lúa bị nhiễm mặn không? "
        + "Gia đình tôi có hai công ruộng bị nhiễm mặn ba năm liền, năng suất giảm một nửa. " * 40,
        "When will the commune repair the flooded road near hamlet 3?",
    ]


def _commune_agency(front: Unit) -> Unit:
    """The commune People's Committee (the supervision demo makes the same one)."""
    code = f"UBND-{front.admin_code}"
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        unit = core_services.unit_create(
            actor=SYSTEM,
            code=code,
            name=front.name.replace("Ủy ban MTTQ Việt Nam", "Ủy ban nhân dân", 1),
            level=UnitLevel.COMMUNE,
            kind=UnitKind.STATE,
            parent=front,
            valid_from=front.valid_from,
            admin_code=front.admin_code,
            lat=front.lat,
            lng=front.lng,
        )
    return unit


def _vinh_long(out: Output, days: DemoDays, front: Unit) -> None:
    agency = _commune_agency(front)
    # The commune may be a ward (phường): titles follow the unit's kind of area.
    word = area_word(front)
    chair = head_title(front, "pc_chair")
    held = days.past(D(2026, 9, 10))
    dialogue = s.dialogue_create(
        actor=SYSTEM,
        unit=front,
        head_unit=agency,
        head_name="Nguyễn Văn Thành",
        head_title=chair,
        topic=f"Đối thoại về giao thông nông thôn, nước sạch và đất đai năm {held.year}",
        description=f"Hội nghị đối thoại trực tiếp giữa người đứng đầu Ủy ban nhân dân {word} với "
        "Nhân dân (Luật Thực hiện dân chủ ở cơ sở 2022, Điều 32; Quyết định 218-QĐ/TW).",
        held_on=held,
        place=f"Hội trường Ủy ban nhân dân {word}",
        invited_groups="Đại diện các ấp, hội viên các đoàn thể, người có uy tín, hộ dân ven lộ",
    )
    dialogue = s.dialogue_announce(actor=SYSTEM, dialogue=dialogue, on=days.past(D(2026, 8, 20)))
    dialogue = s.dialogue_open_questions(actor=SYSTEM, dialogue=dialogue)
    questions = [s.question_submit(dialogue=dialogue, text=text) for text in _questions(word)]
    dialogue = s.dialogue_hold(actor=SYSTEM, dialogue=dialogue)
    answers = {
        0: f"Ủy ban nhân dân {word} đã đưa tuyến đường liên ấp vào kế hoạch sửa chữa, khởi công trong "
        "tháng tới.",
        3: f"{word.capitalize()} phối hợp Trung tâm Nước sạch tỉnh nâng công suất trạm cấp nước ấp 3.",
        4: f"Hồ sơ nộp tại Bộ phận tiếp nhận và trả kết quả của {word} mới; hồ sơ cũ đã được "
        "chuyển giao.",
        5: f"Hồ sơ nộp trước khi sáp nhập đã được chuyển giao cho Bộ phận tiếp nhận và trả kết quả "
        f"của {word} mới, tiếp tục giải quyết theo ngày hẹn trên giấy biên nhận.",
        6: f"{word.capitalize()} hỗ trợ giống và hướng dẫn kỹ thuật chuyển sang trồng màu hoặc mô "
        f"hình tôm – lúa cho hộ có ruộng nhiễm mặn; đăng ký tại Ủy ban nhân dân {word}.",
        7: "Trả lời chung với câu hỏi số 1: tuyến đường liên ấp đã có trong kế hoạch sửa chữa, "
        "khởi công trong tháng tới.",
    }
    # One answer to the questions asking the same in other words (the head's grouping): their
    # askers are told too, and every question is answered before the minutes are issued.
    twins = question_twins(dialogue=dialogue)
    for index, answer in answers.items():
        question = Question.objects.get(pk=questions[index].pk)
        if question.status == QuestionStatus.RECEIVED:
            s.question_answer(
                actor=SYSTEM, question=question, answer=answer, twins=twins[question.pk]
            )
    s.question_raise(
        actor=SYSTEM,
        dialogue=dialogue,
        text=f"Đèn đường khu chợ {word} hư hỏng đã lâu, khi nào được thay?",
        answer=f"{word.capitalize()} sẽ thay toàn bộ đèn đường khu chợ trong tháng này.",
    )
    kept = s.commitment_create(
        actor=SYSTEM,
        dialogue=dialogue,
        question=questions[3],
        text="Nâng công suất trạm cấp nước ấp 3, bảo đảm cấp nước cả ngày.",
        addressee=agency,
        due_on=days.past(D(2026, 10, 15)),
    )
    late = s.commitment_create(
        actor=SYSTEM,
        dialogue=dialogue,
        question=questions[0],
        text="Sửa chữa xong tuyến đường liên ấp bị sạt lở.",
        addressee=agency,
        due_on=days.past(D(2026, 11, 5)),
    )
    s.dialogue_issue_minutes(
        actor=SYSTEM,
        dialogue=dialogue,
        number=f"15/BB-MTTQ-BTT/{held.year}",
        summary=f"Hội nghị có 120 đại biểu dự; {chair} trả lời trực tiếp các câu hỏi gửi trước "
        "và câu hỏi tại hội nghị, nhận hai cam kết có thời hạn.",
        on=days.past(D(2026, 9, 17)),
    )
    s.commitment_answer(
        actor=SYSTEM,
        commitment=kept,
        kept=True,
        text="Đã lắp thêm máy bơm và bồn chứa; trạm cấp nước ấp 3 cấp nước liên tục từ tháng 10.",
        on=min(days.past(D(2026, 10, 12)), kept.due_on),
    )
    escalated = s.commitments_escalate_overdue(actor=SYSTEM, today=days.today)
    out.write(
        f"  {dialogue.topic}: {len(questions) + 1} câu hỏi, 2 cam kết "
        f"({late.code} quá hạn, đã chuyển cấp trên: {escalated})\n"
    )


def _tra_vinh(out: Output) -> None:
    front = Unit.objects.filter(code="MTTQ-844").first()
    head_unit = Unit.objects.filter(code="HU-844").first()
    if front is None or head_unit is None:
        return
    dialogue = s.dialogue_create(
        actor=SYSTEM,
        unit=front,
        head_unit=head_unit,
        head_name="Trần Văn Hùng",
        head_title="Bí thư Huyện ủy Càng Long",
        topic="Đối thoại với Nhân dân về xây dựng nông thôn mới năm 2024",
        held_on=D(2024, 6, 20),
        place="Hội trường Huyện ủy Càng Long",
        invited_groups="Đại diện Nhân dân các xã, thị trấn",
    )
    dialogue = s.dialogue_announce(actor=SYSTEM, dialogue=dialogue, on=D(2024, 6, 3))
    dialogue = s.dialogue_open_questions(actor=SYSTEM, dialogue=dialogue)
    question = s.question_submit(
        dialogue=dialogue,
        text="Huyện có hỗ trợ bê tông hóa đường ra đồng cho các ấp chưa đạt chuẩn nông thôn mới?",
    )
    dialogue = s.dialogue_hold(actor=SYSTEM, dialogue=dialogue)
    s.question_answer(
        actor=SYSTEM,
        question=question,
        answer="Huyện hỗ trợ xi măng, Nhân dân góp công; ưu tiên các ấp chưa đạt chuẩn.",
    )
    commitment = s.commitment_create(
        actor=SYSTEM,
        dialogue=dialogue,
        question=question,
        text="Hỗ trợ xi măng bê tông hóa 5 km đường ra đồng trong năm 2024.",
        addressee=head_unit,
        due_on=D(2024, 12, 31),
    )
    s.dialogue_issue_minutes(
        actor=SYSTEM,
        dialogue=dialogue,
        number="07/BB-MTTQ-BTT",
        summary="Bí thư Huyện ủy trả lời trực tiếp ý kiến của Nhân dân về nông thôn mới.",
        on=D(2024, 6, 24),
    )
    s.commitment_answer(
        actor=SYSTEM,
        commitment=commitment,
        kept=True,
        text="Đã bê tông hóa 5,2 km đường ra đồng.",
        on=D(2024, 11, 28),
    )
    s.commitment_close(actor=SYSTEM, commitment=commitment, on=D(2024, 12, 5))
    s.dialogue_close(actor=SYSTEM, dialogue=dialogue)
    out.write(f"  {dialogue.topic}\n")


def load(out: Output) -> None:
    province = Unit.objects.filter(code="MTTQ-86").first()
    if province is None:
        out.write("Đối thoại: chưa có đơn vị MTTQ-86, bỏ qua.\n")
        return
    front = (
        Unit.objects.filter(code__startswith="BTTND-", parent__parent=province)
        .order_by("code")
        .values_list("parent", flat=True)
        .first()
    )
    commune = Unit.objects.filter(pk=front).first() if front else None
    if commune is None:
        out.write("Đối thoại: chưa có xã của tỉnh Vĩnh Long, bỏ qua.\n")
        return
    if Dialogue.objects.filter(unit=commune).exists():
        out.write("Đối thoại: dữ liệu mẫu đã có.\n")
        return
    out.write("Đối thoại trực tiếp:\n")
    with transaction.atomic():
        _vinh_long(out, DemoDays(), commune)
        _tra_vinh(out)
