"""Steps stored before their texts became codes: a text written in Vietnamese by the services is
turned into its code and values (``text_code``, ``params``) so that it is shown in the reader's
language; a step whose text was its own label keeps no text (the label is shown); a generated
sentence in an internal note (a late transfer, a merged petition) becomes a value. Any other
text (written in another language, or by hand) is left as stored and shown as stored."""

import datetime as dt
import re

from django.db import migrations

DATE = r"(?P<due>\d{2}/\d{2}/\d{4})"
REROUTED = r"(?: Đơn vị đã chọn không còn hoạt động; đơn được chuyển tới (?P<rerouted_to>.+)\.)?"
PATTERNS = [
    ("received", re.compile(r"Đã tiếp nhận đơn\." + REROUTED)),
    (
        "received_as_information",
        re.compile(
            r"Đã tiếp nhận\. Tố cáo không rõ họ tên, địa chỉ người tố cáo được tiếp nhận như thông"
            r" tin phản ánh, không xử lý theo thủ tục giải quyết tố cáo \(Luật Tố cáo 2018, Điều"
            r" 25\)\." + REROUTED
        ),
    ),
    ("classified", re.compile(r"Phân loại: (?P<kind>.+)\.")),
    ("accepted", re.compile(r"Đã thụ lý; hạn giải quyết " + DATE + r"\.")),
    ("refused", re.compile(r"Không thụ lý: .+")),
    (
        "transferred",
        re.compile(
            r"Chuyển đơn từ (?P<from>.+?) đến (?P<to>.+?)\."
            r"(?: \((?P<successor_of>.+) đã sáp nhập vào đơn vị này\.\))?"
        ),
    ),
    (
        "merged",
        re.compile(
            r"Đơn trùng nội dung với đơn khác của cùng người gửi; được gộp để giải quyết chung\."
        ),
    ),
    ("extended", re.compile(r"Gia hạn đến " + DATE + r"\.")),
    ("settled", re.compile(r"Đã có kết quả giải quyết\.")),
    ("rated", re.compile(r"Người gửi đánh giá mức hài lòng: (?P<n>\d)/5\.")),
]
KINDS = {
    "Phản ánh": "report",
    "Kiến nghị": "request",
    "Khiếu nại": "complaint",
    "Tố cáo": "denunciation",
}
ACTION_LABELS = {
    "submit": "Tiếp nhận đơn",
    "classify": "Phân loại",
    "assign": "Giao cán bộ xử lý",
    "accept": "Thụ lý",
    "refuse": "Không thụ lý",
    "transfer": "Chuyển đơn",
    "merge": "Gộp đơn trùng",
    "extend": "Gia hạn",
    "settle": "Giải quyết",
    "answer": "Trả lời người gửi",
    "rate": "Người gửi đánh giá",
}
LATE = re.compile(r"(?P<note>.*?) ?Chuyển quá hạn " + DATE + r"\.", re.DOTALL)
MERGED_FROM = re.compile(r"Gộp đơn #(?P<id>\d+) vào đơn này\.")


def _iso(day: str) -> str:
    d, m, y = (int(part) for part in day.split("/"))
    return dt.date(y, m, d).isoformat()


def _convert(text: str, refusal_ground: str) -> tuple[str, dict] | None:
    for code, pattern in PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = {k: v for k, v in match.groupdict().items() if v}
        if code == "classified":
            if values["kind"] not in KINDS:
                return None
            values["kind"] = KINDS[values["kind"]]
        if "due" in values:
            values["due"] = _iso(values["due"])
        if "n" in values:
            values["n"] = int(values["n"])
        if code == "refused":
            if not refusal_ground:
                return None
            values = {"ground": refusal_ground}
        return code, values
    return None


def forwards(apps, schema_editor):
    PetitionEvent = apps.get_model("petitions", "PetitionEvent")
    rows = PetitionEvent.objects.filter(text_code="").select_related("petition")
    for event in rows.iterator(chunk_size=500):
        changed = False
        params = dict(event.params or {})
        if event.public_text == ACTION_LABELS.get(event.action):
            event.public_text = ""
            changed = True
        elif event.public_text:
            converted = _convert(event.public_text, event.petition.refusal_ground)
            if converted is not None:
                event.text_code, values = converted
                params.update(values)
                event.public_text = ""
                changed = True
        merged = MERGED_FROM.fullmatch(event.note)
        if merged is not None:
            params["merged_from"] = int(merged["id"])
            event.note = ""
            changed = True
        late = LATE.fullmatch(event.note) if event.action == "transfer" else None
        if late is not None:
            params["late_due"] = _iso(late["due"])
            event.note = late["note"]
            changed = True
        if changed:
            event.params = params
            event.save(update_fields=["text_code", "params", "public_text", "note"])


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_step_texts_as_codes")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
