"""The texts of the briefing's standard indicators, marked for translation.

An indicator's name, group, unit and input hint are stored in Vietnamese — the briefing report is
an official document and always prints them so — and pages translate them when they show them
(``Indicator.name_text``, ``group_text``, ``label``, ``description_text``): the stored text is the
message id. These lists mark, for ``makemessages``, the texts the demo and the providers of
computed indicators (``<app>/indicators.py``) store; a text an administrator types in the admin
and that is not listed here is shown as typed. ``tests/test_labels.py`` fails when the demo or a
provider stores a text missing here.

Units take the context ``"đơn vị tính"``: as a unit, "dự thảo" is "drafts", not "draft".
"""

from __future__ import annotations

from django.utils.translation import gettext_noop, pgettext_lazy

UNIT_CONTEXT = "đơn vị tính"

GROUPS = (
    gettext_noop("Công tác phản biện xã hội"),
    gettext_noop("Giúp đỡ đảng viên khó khăn"),
    gettext_noop("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    gettext_noop("Kiểm điểm, đánh giá tập thể và đảng viên"),
    gettext_noop("Số liệu hệ thống tự tổng hợp"),
)

NAMES = (
    # Entered by the units (reporting.demo).
    gettext_noop("Số dự thảo Ban Thường trực chủ trì phản biện"),
    gettext_noop("Số dự thảo tổ chức hội nghị phản biện"),
    gettext_noop("Số tiền vận động cho đảng viên khó khăn vay"),
    gettext_noop("Số đảng viên khó khăn được vay"),
    gettext_noop("Số đảng viên còn khó khăn"),
    gettext_noop("Mô hình tập thể"),
    gettext_noop("Mô hình cá nhân"),
    gettext_noop("Tổng số mô hình học tập và làm theo Bác"),
    gettext_noop("Số mô hình được nhân rộng"),
    gettext_noop("Số tập thể được kiểm điểm"),
    gettext_noop("Số đảng viên được kiểm điểm"),
    gettext_noop("Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên"),
    # Computed by the other apps (consultations, petitions, oversight).
    gettext_noop("Số dự thảo văn bản tiếp nhận để phản biện"),
    gettext_noop("Số dự thảo đã phản biện (văn bản phản biện ban hành)"),
    gettext_noop("Số góp ý của Nhân dân vào dự thảo"),
    gettext_noop("Số ý kiến của chuyên gia, nhà khoa học"),
    gettext_noop("Số đơn thư tiếp nhận"),
    gettext_noop("Số đơn thư đã thụ lý"),
    gettext_noop("Số đơn thư giải quyết đúng hạn"),
    gettext_noop("Số đơn thư quá hạn"),
    gettext_noop("Số cuộc giám sát"),
    gettext_noop("Số kiến nghị sau giám sát"),
    gettext_noop("Số kiến nghị đã được trả lời"),
    gettext_noop("Số kiến nghị được trả lời đúng hạn"),
    gettext_noop("Số kiến nghị đã được thực hiện"),
    gettext_noop("Số kiến nghị quá hạn"),
    # Computed by dialogue and reception.
    gettext_noop("Số cuộc đối thoại trực tiếp đã tổ chức"),
    gettext_noop("Số câu hỏi, ý kiến của Nhân dân tại đối thoại"),
    gettext_noop("Số câu hỏi đã được trả lời tại đối thoại"),
    gettext_noop("Số cam kết thực hiện đúng hạn"),
    gettext_noop("Số cam kết thực hiện chậm hoặc đang quá hạn"),
    gettext_noop("Số cam kết không thực hiện"),
    gettext_noop("Số buổi người đứng đầu trực tiếp tiếp công dân"),
    gettext_noop("Tỷ lệ buổi tiếp công dân đã thực hiện so với mức tối thiểu theo quy định (%)"),
)

DESCRIPTIONS = (
    gettext_noop("Tổng số tiền (đồng) vận động được trong kỳ, ví dụ 580.000.000."),
    gettext_noop("Số đảng viên còn khó khăn vào cuối kỳ."),
)

# Units typed on indicators (``unit_label``), and those of the measures without one. Lazy
# objects only so that makemessages reads the context; compare with ``str()``.
UNITS = (
    pgettext_lazy("đơn vị tính", "dự thảo"),
    pgettext_lazy("đơn vị tính", "đảng viên"),
    pgettext_lazy("đơn vị tính", "mô hình"),
    pgettext_lazy("đơn vị tính", "tập thể"),
    pgettext_lazy("đơn vị tính", "góp ý"),
    pgettext_lazy("đơn vị tính", "ý kiến"),
    pgettext_lazy("đơn vị tính", "đơn"),
    pgettext_lazy("đơn vị tính", "cuộc"),
    pgettext_lazy("đơn vị tính", "kiến nghị"),
    pgettext_lazy("đơn vị tính", "buổi"),
    pgettext_lazy("đơn vị tính", "câu hỏi"),
    pgettext_lazy("đơn vị tính", "cam kết"),
)
MEASURE_UNITS = {
    "people": pgettext_lazy("đơn vị tính", "người"),
    "money": pgettext_lazy("đơn vị tính", "đồng"),
    "days": pgettext_lazy("đơn vị tính", "ngày"),
}
# Money written with its scale ("5,8 tỷ đồng"): the scale words of core.numbers.format_money.
MONEY_SCALES = {
    "tỷ": pgettext_lazy("số tiền", "tỷ"),
    "triệu": pgettext_lazy("số tiền", "triệu"),
    "nghìn": pgettext_lazy("số tiền", "nghìn"),
}

# The unit of each computed count the apps provide (a count has no unit of its own: "429
# góp ý", never "429 số lượng"; a percentage has "%"). Set on the indicator row when it is created or has none.
COMPUTED_UNITS = {
    "consultations.drafts_received": "dự thảo",
    "consultations.drafts_critiqued": "dự thảo",
    "consultations.comments": "góp ý",
    "consultations.expert_opinions": "ý kiến",
    "petitions.received": "đơn",
    "petitions.accepted": "đơn",
    "petitions.settled_on_time": "đơn",
    "petitions.overdue": "đơn",
    "oversight.activities": "cuộc",
    "oversight.recommendations": "kiến nghị",
    "oversight.recommendations_answered": "kiến nghị",
    "oversight.recommendations_answered_on_time": "kiến nghị",
    "oversight.recommendations_done": "kiến nghị",
    "oversight.recommendations_overdue": "kiến nghị",
    "reception.held": "buổi",
    "dialogue.held": "cuộc",
    "dialogue.questions_received": "câu hỏi",
    "dialogue.questions_answered": "câu hỏi",
    "dialogue.commitments_on_time": "cam kết",
    "dialogue.commitments_late": "cam kết",
    "dialogue.commitments_not_kept": "cam kết",
}
