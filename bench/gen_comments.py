"""Seeded generator of synthetic Vietnamese public comments with planted campaigns.

    from gen_comments import generate
    corpus = generate(20_000, seed=1)

Organic comments are built sentence by sentence from a small Vietnamese grammar of
slots (who, asks what, about which rule, where, why) with article and clause numbers,
so that two of them rarely share more than a few phrases. Planted groups are:

- form letters (campaigns): one template of 4 to 8 sentences copied by many people,
  each copy with, at random, a personal introduction, one to three words swapped for a
  synonym or another word, a sentence dropped, a closing line, the diacritics left out,
  old-style tone marks, decomposed Unicode, lower case, extra spaces;
- stock phrases ("Tôi hoàn toàn nhất trí với dự thảo.") typed by many unrelated people.

Coordinated campaigns are posted in a burst (most copies within hours) by new
identities or by a handful of identities posting again and again; the other planted
groups are spread over the whole month by ordinary authors.

Everything is drawn from `numpy.random.default_rng(seed)`: the same (n, seed) gives
the same corpus on every machine.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

START = datetime(2025, 6, 1, tzinfo=UTC).timestamp()
PERIOD = 30 * 24 * 3600.0

# --- vocabulary -----------------------------------------------------------------------

OPENERS = [
    "Theo tôi",
    "Thực tế cho thấy",
    "Qua theo dõi nhiều năm",
    "Ở địa phương tôi",
    "Trong thời gian qua",
    "Hiện nay",
    "Về lâu dài",
    "Trước mắt",
    "Theo quan sát của tôi",
    "Với kinh nghiệm của mình",
    "Nói thẳng ra",
    "Thật lòng mà nói",
    "Sau khi đọc kỹ dự thảo",
    "Từ thực tiễn ở cơ sở",
    "Như nhiều người đã phản ánh",
    "Xét về mặt pháp lý",
    "Xét về mặt kinh tế",
    "Qua các buổi tiếp xúc cử tri",
    "Theo ý kiến của bà con",
    "Thiết nghĩ",
]
SUBJECTS = [
    "tôi",
    "chúng tôi",
    "gia đình tôi",
    "người dân địa phương",
    "bà con trong xóm",
    "nhiều hộ dân",
    "cử tri trong phường",
    "hội viên nông dân",
    "đoàn viên thanh niên",
    "các cựu chiến binh",
    "chị em phụ nữ",
    "người lao động",
    "các doanh nghiệp nhỏ",
    "giáo viên vùng cao",
    "phụ huynh học sinh",
    "người cao tuổi",
    "bà con dân tộc thiểu số",
    "các hộ kinh doanh",
    "ngư dân ven biển",
    "công nhân khu công nghiệp",
    "sinh viên mới ra trường",
    "cán bộ hưu trí",
]
ASKS = [
    "đề nghị",
    "kiến nghị",
    "mong muốn",
    "đề xuất",
    "tha thiết đề nghị",
    "rất mong",
    "yêu cầu",
    "muốn Nhà nước",
    "đề nghị Ban soạn thảo",
    "kiến nghị cơ quan chức năng",
    "mong các cấp chính quyền",
    "đề nghị Quốc hội",
]
ACTIONS = [
    "sửa đổi",
    "bổ sung",
    "làm rõ",
    "quy định cụ thể hơn",
    "công khai",
    "rà soát lại",
    "giảm",
    "tăng cường kiểm tra",
    "đơn giản hoá",
    "xem xét lại",
    "hướng dẫn chi tiết",
    "bãi bỏ",
    "giữ nguyên",
    "nâng mức",
    "điều chỉnh",
    "thống nhất",
    "tách riêng",
    "lùi thời điểm áp dụng",
    "lấy thêm ý kiến về",
    "số hoá",
]
TOPICS = [
    "quy định về thu hồi đất",
    "mức bồi thường giải phóng mặt bằng",
    "thủ tục cấp giấy chứng nhận quyền sử dụng đất",
    "học phí bậc trung học cơ sở",
    "chế độ bảo hiểm y tế cho người cao tuổi",
    "cách tính lương hưu",
    "mức trợ cấp thất nghiệp",
    "phí sử dụng đường bộ",
    "việc phân loại rác tại nguồn",
    "thời hạn giải quyết khiếu nại",
    "quyền của người tố cáo",
    "việc sáp nhập đơn vị hành chính",
    "chế độ phụ cấp cho cán bộ không chuyên trách",
    "quy hoạch khu dân cư",
    "giá điện sinh hoạt",
    "giá nước sạch nông thôn",
    "an toàn thực phẩm trong trường học",
    "việc cấp phép xây dựng nhà ở riêng lẻ",
    "trách nhiệm giải trình của chính quyền",
    "việc tiếp công dân định kỳ",
    "chính sách cho người có công",
    "hỗ trợ hộ nghèo và cận nghèo",
    "quản lý khai thác cát sỏi",
    "bảo vệ rừng đầu nguồn",
    "xử lý ô nhiễm nguồn nước",
    "đào tạo nghề cho lao động nông thôn",
    "tín dụng ưu đãi cho thanh niên khởi nghiệp",
    "điều kiện kinh doanh vận tải",
    "thuế thu nhập cá nhân",
    "lệ phí trước bạ",
    "quản lý chung cư",
    "đăng ký thường trú",
    "bảo hiểm xã hội tự nguyện",
    "chế độ thai sản",
    "phòng chống thiên tai",
    "quỹ phòng chống thiên tai",
    "giao đất rừng cho hộ gia đình",
    "xét tuyển viên chức giáo dục",
    "sách giáo khoa",
    "khám chữa bệnh trái tuyến",
    "quyền giám sát của Mặt trận",
    "vai trò phản biện xã hội",
    "ban thanh tra nhân dân",
    "việc lấy phiếu tín nhiệm",
    "chính sách với người dân tộc thiểu số",
    "đầu tư hạ tầng giao thông nông thôn",
    "trật tự an toàn giao thông",
    "quản lý thị trường bất động sản",
]
REFS = [
    "tại Điều {a}",
    "ở khoản {b} Điều {a}",
    "tại điểm {c} khoản {b} Điều {a}",
    "trong Chương {r}",
    "ở Mục {b} Chương {r}",
    "của dự thảo",
    "trong dự thảo lần này",
    "của Luật hiện hành",
    "theo Nghị định {a}/{y}/NĐ-CP",
    "tại Thông tư số {b}{a}",
]
STATES = [
    "còn chồng chéo",
    "chưa phù hợp với thực tế",
    "gây nhiều khó khăn cho người dân",
    "là rất cần thiết",
    "được nhiều người đồng tình",
    "cần được làm rõ hơn",
    "còn quá chung chung",
    "dễ bị lợi dụng",
    "chưa bảo đảm công bằng",
    "đang làm tăng chi phí cho doanh nghiệp",
    "khó thực hiện ở vùng sâu vùng xa",
    "chưa tính đến người thu nhập thấp",
    "mâu thuẫn với quy định khác",
    "đã lạc hậu so với thực tiễn",
    "có thể gây lãng phí",
]
REASONS = [
    "vì hiện nay còn nhiều bất cập",
    "để bảo đảm quyền lợi chính đáng của người dân",
    "vì quy định hiện hành chưa rõ ràng",
    "nhằm tránh lãng phí ngân sách",
    "để phù hợp với điều kiện của địa phương",
    "vì nhiều gia đình đang gặp khó khăn",
    "để tránh tình trạng mỗi nơi làm một kiểu",
    "vì người dân chưa được tham gia đầy đủ",
    "nhằm giảm thủ tục hành chính",
    "để cán bộ cơ sở dễ thực hiện",
    "vì đã có nhiều vụ khiếu nại kéo dài",
    "để tạo niềm tin của nhân dân",
    "vì giá cả sinh hoạt tăng nhanh",
    "nhằm bảo vệ môi trường sống",
    "để con em chúng tôi được học hành",
    "vì thu nhập của bà con còn thấp",
    "để phòng ngừa tiêu cực",
    "vì việc này ảnh hưởng đến hàng nghìn hộ",
]
OBSERVATIONS = [
    "nhiều hộ dân chưa được cấp sổ đỏ",
    "đường liên xã xuống cấp nghiêm trọng",
    "trạm y tế thiếu bác sĩ",
    "trường học còn phải học ca ba",
    "nước sinh hoạt bị nhiễm phèn",
    "rác thải chưa được thu gom thường xuyên",
    "giá thuê nhà trọ tăng cao",
    "thanh niên bỏ quê đi làm ăn xa",
    "mùa mưa thường xuyên ngập úng",
    "người dân phải chờ đợi rất lâu để làm thủ tục",
    "nhiều dự án treo kéo dài hàng chục năm",
    "hệ thống thuỷ lợi đã xuống cấp",
    "tình trạng sạt lở bờ sông diễn ra phức tạp",
    "chợ tạm lấn chiếm lòng đường",
    "điện lưới chưa ổn định",
    "nhiều em nhỏ chưa có bảo hiểm y tế",
]
PLACES = [
    "xã Tân Phú",
    "phường Bến Thành",
    "xã Mường Lát",
    "phường Hoà Cường",
    "xã Ea Tu",
    "xã Long Hựu",
    "phường Thuỷ Xuân",
    "xã Cần Giờ",
    "xã Phong Điền",
    "phường Hồng Hà",
    "xã Na Hang",
    "xã Sìn Hồ",
    "phường Vĩnh Ninh",
    "xã Châu Thành",
    "phường Tân Định",
    "xã Quảng Khê",
    "xã Hưng Lộc",
    "phường Lê Lợi",
]
PROVINCES = [
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Cà Mau",
    "Gia Lai",
    "Đắk Lắk",
    "Lâm Đồng",
    "Khánh Hoà",
    "Quảng Ngãi",
    "Quảng Trị",
    "Nghệ An",
    "Hà Tĩnh",
    "Thanh Hoá",
    "Ninh Bình",
    "Hưng Yên",
    "Bắc Ninh",
    "Phú Thọ",
    "Thái Nguyên",
    "Tuyên Quang",
    "Lào Cai",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Cao Bằng",
    "Quảng Ninh",
    "Đồng Nai",
    "Tây Ninh",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
FAMILY += ["Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lò", "Hà", "Thạch"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Mai"]
GIVEN += ["Nam", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến", "Khoa"]
GIVEN += ["Thuỷ", "Hoà", "Lộc", "Nhung", "Quý", "Khuê", "Duyên", "Trí", "Hiếu", "Nghĩa"]
JOBS = [
    "giáo viên",
    "nông dân",
    "công nhân",
    "kỹ sư xây dựng",
    "bác sĩ",
    "y tá",
    "tiểu thương",
    "sinh viên",
    "cán bộ hưu trí",
    "bộ đội xuất ngũ",
    "lái xe",
    "thợ may",
    "ngư dân",
    "chủ hộ kinh doanh",
    "kế toán",
    "luật sư",
    "nội trợ",
    "trưởng thôn",
]
INTROS = [
    "Tôi là {name}, {job} ở {place}, {prov}.",
    "Tôi tên là {name}, năm nay {age} tuổi, hiện là {job} tại {place}.",
    "Kính gửi Ban soạn thảo, tôi là {name}, {job}, thường trú tại {place}, {prov}.",
    "Xin chào, tôi là {job} ở {prov}.",
    "Là một {job} đã sống ở {place} hơn {age} năm, tôi xin góp ý như sau.",
    "Tôi, {name}, {age} tuổi, {job} tại {prov}, xin có ý kiến.",
]
CLOSINGS = [
    "Xin chân thành cảm ơn.",
    "Trân trọng.",
    "Mong Ban soạn thảo xem xét.",
    "Rất mong nhận được phản hồi.",
    "Xin cảm ơn Ban soạn thảo.",
    "Kính mong được tiếp thu.",
]
SYNONYMS = [
    ("đề nghị", "kiến nghị"),
    ("người dân", "nhân dân"),
    ("rất", "hết sức"),
    ("cần thiết", "cấp thiết"),
    ("khó khăn", "vất vả"),
    ("quy định", "điều khoản"),
    ("bảo đảm", "đảm bảo"),
    ("làm rõ", "giải thích rõ"),
    ("vì", "bởi vì"),
    ("nhiều", "không ít"),
    ("sửa đổi", "chỉnh sửa"),
    ("hiện nay", "hiện tại"),
    ("mong muốn", "mong"),
    ("địa phương", "cơ sở"),
    ("chính quyền", "nhà chức trách"),
    ("để", "nhằm"),
]
FILLERS = ["thật sự", "cũng", "rõ ràng", "nhất là", "đặc biệt", "ngay", "hơn nữa", "vẫn"]
STOCK = [
    "Tôi hoàn toàn nhất trí với dự thảo.",
    "Đồng ý, đề nghị thông qua sớm!",
    "Ủng hộ phương án của Ban soạn thảo, không có ý kiến gì thêm.",
    "Dự thảo viết rõ ràng dễ hiểu, cảm ơn các đồng chí.",
    "Phản đối quy định này vì không hợp lòng dân.",
    "Cần lấy thêm ý kiến của người dân trước khi ban hành.",
]
EMOJI = ["👍", "🙏", "❤️", "😡", "👏", "🇻🇳"]
ENGLISH = [
    "I support this draft, it protects workers.",
    "Please clarify the compensation rules for land recovery in Article {a}.",
    "The fee in clause {b} is too high for students.",
]


@dataclass(slots=True)
class Corpus:
    """Comments with everything known about them, in shuffled order."""

    texts: list[str]
    ids: list[str]
    timestamps: npt.NDArray[np.float64]  # POSIX seconds
    authors: list[str]
    labels: npt.NDArray[np.int64]  # planted group, -1 for an organic comment
    coordinated: npt.NDArray[np.bool_]  # by group id: posted as a coordinated campaign
    new_authors: set[str] = field(default_factory=set)


# --- sentences ------------------------------------------------------------------------

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _refs(rng: np.random.Generator, count: int) -> list[str]:
    kinds = rng.integers(len(REFS), size=count)
    a = rng.integers(1, 220, size=count).tolist()
    b = rng.integers(1, 12, size=count).tolist()
    c = rng.integers(7, size=count).tolist()
    r = rng.integers(len(ROMAN), size=count).tolist()
    y = rng.integers(2015, 2026, size=count).tolist()
    return [
        REFS[k].format(a=a[i], b=b[i], c="abcdđeg"[c[i]], r=ROMAN[r[i]], y=y[i])
        for i, k in enumerate(kinds.tolist())
    ]


def _pick(rng: np.random.Generator, words: list[str], count: int) -> list[str]:
    return [words[i] for i in rng.integers(len(words), size=count)]


def sentences(rng: np.random.Generator, count: int) -> list[str]:
    """`count` independent random sentences of the comment grammar."""
    kinds = rng.integers(6, size=count)
    opener = _pick(rng, OPENERS, count)
    subject = _pick(rng, SUBJECTS, count)
    ask = _pick(rng, ASKS, count)
    action = _pick(rng, ACTIONS, count)
    topic = _pick(rng, TOPICS, count)
    topic2 = _pick(rng, TOPICS, count)
    state = _pick(rng, STATES, count)
    reason = _pick(rng, REASONS, count)
    obs = _pick(rng, OBSERVATIONS, count)
    place = _pick(rng, PLACES, count)
    prov = _pick(rng, PROVINCES, count)
    refs = _refs(rng, count)
    out: list[str] = []
    for i in range(count):
        k = kinds[i]
        if k == 0:
            s = f"{opener[i]}, {subject[i]} {ask[i]} {action[i]} {topic[i]} {refs[i]} {reason[i]}."
        elif k == 1:
            s = f"{subject[i].capitalize()} {ask[i]} {action[i]} {topic[i]}, {reason[i]}."
        elif k == 2:
            s = f"{opener[i]}, {topic[i]} {refs[i]} {state[i]}."
        elif k == 3:
            s = f"Ở {place[i]}, {prov[i]}, {obs[i]} và {topic2[i]} {state[i]}."
        elif k == 4:
            s = f"Tôi thấy {topic[i]} {state[i]}, {reason[i]}."
        else:
            s = f"{opener[i]}, cần {action[i]} {topic[i]} cùng với {topic2[i]} {refs[i]}."
        out.append(s[0].upper() + s[1:])
    return out


# --- variants -----------------------------------------------------------------------------

_OLD_STYLE = {}
for _pair in ("oa", "oe", "uy"):
    for _mark in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
        for _case in (str.lower, str.upper):
            new = unicodedata.normalize("NFC", _case(_pair[0]) + _case(_pair[1]) + _mark)
            old = unicodedata.normalize("NFC", _case(_pair[0]) + _mark + _case(_pair[1]))
            _OLD_STYLE[new] = old


def old_style(text: str) -> str:
    """New-style tone marks ("hoà", "thuỷ") to old style ("hòa", "thủy") in open syllables."""
    out = []
    for word in text.split(" "):
        core = word.rstrip(".,;:!?")
        tail = core[-2:]
        if tail in _OLD_STYLE and not core[:-2].lower().endswith("q"):
            word = core[:-2] + _OLD_STYLE[tail] + word[len(core) :]
        out.append(word)
    return " ".join(out)


def _strip_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in range(0xC0, 0x1EFF + 1):
        decomposed = unicodedata.normalize("NFD", chr(cp))
        if len(decomposed) > 1:
            table[cp] = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for cp in range(0x300, 0x370):
        table[cp] = ""
    return table


_STRIP = str.maketrans(_strip_table())


def no_diacritics(text: str) -> str:
    """Typed without diacritics, case kept."""
    return text.translate(_STRIP)


def _intro(rng: np.random.Generator) -> str:
    name = " ".join(
        [
            FAMILY[rng.integers(len(FAMILY))],
            MIDDLE[rng.integers(len(MIDDLE))],
            GIVEN[rng.integers(len(GIVEN))],
        ]
    )
    return INTROS[rng.integers(len(INTROS))].format(
        name=name,
        job=JOBS[rng.integers(len(JOBS))],
        place=PLACES[rng.integers(len(PLACES))],
        prov=PROVINCES[rng.integers(len(PROVINCES))],
        age=int(rng.integers(18, 80)),
    )


def _substitute(rng: np.random.Generator, text: str) -> str:
    """One small edit: a synonym, or a word replaced, inserted or removed."""
    if rng.random() < 0.6:
        options = [(a, b) for a, b in SYNONYMS if f" {a} " in text or f" {b} " in text]
        if options:
            a, b = options[rng.integers(len(options))]
            if f" {a} " in text:
                return text.replace(f" {a} ", f" {b} ", 1)
            return text.replace(f" {b} ", f" {a} ", 1)
    words = text.split(" ")
    if len(words) < 4:
        return text
    i = int(rng.integers(1, len(words) - 1))
    move = rng.integers(3)
    if move == 0 and words[i].isalpha():
        words[i] = FILLERS[rng.integers(len(FILLERS))]
    elif move == 1:
        words.insert(i, FILLERS[rng.integers(len(FILLERS))])
    elif words[i].isalpha():
        del words[i]
    return " ".join(words)


def variant(rng: np.random.Generator, template: list[str]) -> str:
    """One person's copy of a form letter."""
    body = list(template)
    if len(body) >= 4 and rng.random() < 0.3:
        del body[rng.integers(len(body))]
    text = " ".join(body)
    for _ in range(rng.choice(4, p=[0.3, 0.35, 0.2, 0.15])):
        text = _substitute(rng, text)
    if rng.random() < 0.5:
        text = _intro(rng) + " " + text
    if rng.random() < 0.3:
        text = text + " " + CLOSINGS[rng.integers(len(CLOSINGS))]
    return _typing(rng, text)


def _typing(rng: np.random.Generator, text: str) -> str:
    """How the copy was typed: diacritics, tone style, case, spacing, Unicode form."""
    u = rng.random()
    if u < 0.3:
        text = no_diacritics(text)
    elif u < 0.5:
        text = old_style(text)
    if rng.random() < 0.1:
        text = text.lower()
    if rng.random() < 0.15:
        text = text.replace(", ", " , ").replace(". ", ".  ")
    if rng.random() < 0.05:
        text = unicodedata.normalize("NFD", text)
    if rng.random() < 0.05:
        text = text + " " + EMOJI[rng.integers(len(EMOJI))]
    return text


# --- the corpus -----------------------------------------------------------------------------


def _group_sizes(rng: np.random.Generator, total: int, max_size: int) -> list[int]:
    sizes: list[int] = []
    left = total
    while left >= 2:
        size = int(min(max_size, np.floor(2.0 * rng.random() ** (-1.0 / 1.1))))
        size = min(size, left)
        if left - size == 1:
            size += 1
        sizes.append(size)
        left -= size
    return sizes


def generate(
    n: int,
    *,
    seed: int = 0,
    campaign_share: float = 0.3,
    stock_share: float = 0.01,
    coordinated_share: float = 0.6,
) -> Corpus:
    """`n` comments: about `campaign_share` of them copies of form letters, `stock_share`
    stock phrases, the rest organic."""
    rng = np.random.default_rng(seed)
    max_size = max(20, n // 200)
    campaign_sizes = _group_sizes(rng, int(n * campaign_share), max_size)
    n_stock = int(n * stock_share) if n >= 200 else 0
    n_organic = n - sum(campaign_sizes) - n_stock

    texts: list[str] = []
    labels: list[int] = []
    times: list[npt.NDArray[np.float64]] = []
    authors: list[str] = []
    coordinated: list[bool] = []
    new_authors: set[str] = set()

    # organic comments: 1 to 6 sentences each, drawn in one go
    lengths = rng.choice(np.arange(1, 7), size=n_organic, p=[0.08, 0.2, 0.27, 0.2, 0.15, 0.1])
    pool = sentences(rng, int(lengths.sum()))
    cut = np.r_[0, np.cumsum(lengths)]
    emoji = rng.random(n_organic) < 0.03
    english = rng.random(n_organic) < 0.002
    for i in range(n_organic):
        if english[i]:
            text = ENGLISH[rng.integers(len(ENGLISH))].format(
                a=int(rng.integers(1, 200)), b=int(rng.integers(1, 9))
            )
            text += f" ({int(rng.integers(10**6))})"
        else:
            text = " ".join(pool[cut[i] : cut[i + 1]])
        if emoji[i]:
            text += " " + EMOJI[rng.integers(len(EMOJI))]
        texts.append(text)
    no_diac = rng.random(n_organic) < 0.2
    for i in np.flatnonzero(no_diac):
        texts[i] = no_diacritics(texts[i])
    labels.extend([-1] * n_organic)
    times.append(START + rng.random(n_organic) * PERIOD)
    authors.extend(f"u{x}" for x in rng.integers(n, size=n_organic))

    group = 0
    # form letters
    for size in campaign_sizes:
        template = sentences(rng, int(rng.integers(4, 9)))
        texts.extend(variant(rng, template) for _ in range(size))
        labels.extend([group] * size)
        is_coordinated = bool(rng.random() < coordinated_share)
        coordinated.append(is_coordinated)
        if is_coordinated:
            centre = START + rng.random() * PERIOD
            times.append(centre + rng.exponential(1800.0, size=size))
            if rng.random() < 0.5:
                names = [f"n{group}-{k}" for k in range(size)]
                new_authors.update(names)
            else:
                few = max(1, size // 10)
                names = [f"r{group}-{k}" for k in rng.integers(few, size=size)]
            authors.extend(names)
        else:
            times.append(START + rng.random(size) * PERIOD)
            authors.extend(f"u{x}" for x in rng.integers(n, size=size))
        group += 1
    # stock phrases
    if n_stock:
        which = rng.integers(len(STOCK), size=n_stock)
        for k in which:
            texts.append(_typing(rng, STOCK[k]))
            labels.append(group + int(k))
        coordinated.extend([False] * len(STOCK))
        times.append(START + rng.random(n_stock) * PERIOD)
        authors.extend(f"u{x}" for x in rng.integers(n, size=n_stock))

    order = rng.permutation(len(texts))
    all_times = np.concatenate(times)
    label_arr = np.asarray(labels, dtype=np.int64)
    return Corpus(
        texts=[texts[i] for i in order],
        ids=[f"c{i:07d}" for i in range(len(texts))],
        timestamps=all_times[order],
        authors=[authors[i] for i in order],
        labels=label_arr[order],
        coordinated=np.asarray(coordinated, dtype=np.bool_),
        new_authors=new_authors,
    )


if __name__ == "__main__":
    import sys

    corpus = generate(int(sys.argv[1]) if len(sys.argv) > 1 else 20, seed=1)
    for text, label in zip(corpus.texts, corpus.labels, strict=True):
        print(label, text)
