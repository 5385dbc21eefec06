"""The seed of the deadline rule table (docs/domains/core.md; ../shared/DESIGN.md).

Loaded by a data migration; administrators change rules afterwards in the admin (a new version
with its own ``valid_from``), never by editing this list. Names and legal bases are stored in
Vietnamese and marked here (``gettext_noop``) for the catalogue, so that pages translate them
when they are shown (``core.calendar.translated``).
"""

from __future__ import annotations

from typing import Any


def gettext_noop(text: str) -> str:
    """Mark a text for the catalogue (``makemessages`` extracts ``gettext_noop``) and keep it as
    is: this module is read by a migration and must not need Django's settings."""
    return text


W, C = "working", "calendar"

SEED_RULES: list[dict[str, Any]] = [
    {
        "code": "complaint.accept",
        "name": gettext_noop("Khiếu nại: quyết định thụ lý"),
        "length": 10,
        "counting": W,
        "legal_basis": gettext_noop(
            "Luật Khiếu nại 2011, Điều 27 (Thông tư 07/2013/TT-TTCP tính theo ngày làm việc)"
        ),
    },
    {
        "code": "complaint.settle.first",
        "name": gettext_noop("Khiếu nại: giải quyết lần đầu"),
        "length": 30,
        "counting": C,
        "variants": {"complex": 45, "remote": 45, "remote_complex": 60},
        "legal_basis": gettext_noop("Luật Khiếu nại 2011, Điều 28"),
    },
    {
        "code": "complaint.settle.second",
        "name": gettext_noop("Khiếu nại: giải quyết lần hai"),
        "length": 45,
        "counting": C,
        "variants": {"complex": 60, "remote": 60, "remote_complex": 70},
        "legal_basis": gettext_noop("Luật Khiếu nại 2011, Điều 37"),
    },
    {
        "code": "complaint.lodge",
        "name": gettext_noop("Khiếu nại: thời hiệu khiếu nại"),
        "length": 90,
        "counting": C,
        "legal_basis": gettext_noop("Luật Khiếu nại 2011, Điều 9"),
    },
    {
        "code": "denunciation.accept",
        "name": gettext_noop("Tố cáo: xử lý ban đầu và thụ lý"),
        "length": 7,
        "counting": W,
        "variants": {"extended": 10},
        "legal_basis": gettext_noop("Luật Tố cáo 2018, Điều 24"),
    },
    {
        "code": "denunciation.forward",
        "name": gettext_noop("Tố cáo: chuyển đến cơ quan có thẩm quyền"),
        "length": 5,
        "counting": W,
        "legal_basis": gettext_noop("Luật Tố cáo 2018, Điều 24"),
    },
    {
        "code": "denunciation.notify",
        "name": gettext_noop("Tố cáo: thông báo thụ lý cho người tố cáo"),
        "length": 5,
        "counting": W,
        "legal_basis": gettext_noop("Luật Tố cáo 2018, Điều 29"),
    },
    {
        "code": "denunciation.settle",
        "name": gettext_noop("Tố cáo: giải quyết"),
        "length": 30,
        "counting": C,
        "variants": {"complex": 60, "very_complex": 90},
        "legal_basis": gettext_noop("Luật Tố cáo 2018, Điều 30"),
    },
    {
        "code": "reception.answer",
        "name": gettext_noop("Tiếp công dân: trả lời công dân"),
        "length": 10,
        "counting": W,
        "legal_basis": gettext_noop("Luật Tiếp công dân 2013, Điều 28"),
    },
    {
        "code": "petition.forward",
        "name": gettext_noop("Phản ánh, kiến nghị về quy định hành chính: chuyển xử lý"),
        "length": 5,
        "counting": W,
        "legal_basis": gettext_noop("Nghị định 20/2008/NĐ-CP, Điều 9"),
    },
    {
        "code": "report.settle",
        "name": gettext_noop("Phản ánh: giải quyết, trả lời người phản ánh"),
        "length": 30,
        "counting": C,
        "legal_basis": gettext_noop(
            "Luật Tiếp công dân 2013 không quy định thời hạn giải quyết phản ánh; "
            "mặc định của nền tảng: 30 ngày"
        ),
    },
    {
        "code": "request.settle",
        "name": gettext_noop("Kiến nghị: giải quyết, trả lời người kiến nghị"),
        "length": 30,
        "counting": C,
        "legal_basis": gettext_noop(
            "Luật Tiếp công dân 2013 không quy định thời hạn giải quyết kiến nghị; "
            "mặc định của nền tảng: 30 ngày"
        ),
    },
    {
        "code": "conduct_feedback.review",
        "name": gettext_noop("Phản ánh theo Quy định 124: xem xét, xác minh"),
        "length": 30,
        "counting": C,
        "legal_basis": gettext_noop(
            "Quy định 124-QĐ/TW năm 2018 không quy định số ngày; mặc định của nền tảng: 30 ngày"
        ),
    },
    {
        "code": "supervision.notice",
        "name": gettext_noop("Đoàn giám sát: kế hoạch, yêu cầu đến đối tượng giám sát"),
        "length": 15,
        "counting": C,
        "direction": "before",
        "legal_basis": gettext_noop("NQLT 403/2017, Điều 7"),
    },
    {
        "code": "supervision.subject_report",
        "name": gettext_noop("Đoàn giám sát: đối tượng gửi báo cáo"),
        "length": 7,
        "counting": C,
        "direction": "before",
        "legal_basis": gettext_noop("NQLT 403/2017, Điều 7"),
    },
    {
        "code": "supervision.results",
        "name": gettext_noop("Đoàn giám sát: báo cáo kết quả"),
        "length": 15,
        "counting": C,
        "legal_basis": gettext_noop("NQLT 403/2017, Điều 8"),
    },
    {
        "code": "draft.to_front",
        "name": gettext_noop("Dự thảo gửi Mặt trận để phản biện"),
        "length": 15,
        "counting": C,
        "direction": "before",
        "legal_basis": gettext_noop("Luật MTTQ Việt Nam 2015, Điều 36"),
    },
    {
        "code": "answer.default",
        "name": gettext_noop("Trả lời văn bản phản biện, kiến nghị (mặc định)"),
        "length": 30,
        "counting": C,
        "legal_basis": gettext_noop(
            "Luật MTTQ 2015 và NQLT 403/2017 không quy định số ngày; đơn vị ban hành ấn định "
            "(mặc định của nền tảng: 30 ngày)"
        ),
    },
    {
        "code": "reporting.submit",
        "name": gettext_noop("Giao ban: đơn vị gửi số liệu của kỳ báo cáo"),
        "length": 5,
        "counting": W,
        "legal_basis": gettext_noop(
            "Không có quy định pháp luật; Ban Thường trực Ủy ban MTTQ ấn định "
            "(mặc định của nền tảng: 5 ngày làm việc sau khi kết thúc kỳ)"
        ),
    },
    {
        "code": "reporting.follow_up",
        "name": gettext_noop("Giao ban: nhắc đơn vị chưa gửi số liệu sau hạn"),
        "length": 92,
        "counting": C,
        "legal_basis": gettext_noop(
            "Mặc định của nền tảng: một quý sau hạn gửi số liệu (khi đã họp giao ban kỳ sau)"
        ),
    },
]
