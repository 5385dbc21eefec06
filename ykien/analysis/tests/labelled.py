"""A labelled set of Vietnamese comments on five themes, generated for the topic tests.

Each comment makes one to three points of its theme, in varied wording (an opening
phrase or none, the point lower-cased after it, a full stop, an exclamation mark or no
punctuation at all), with zero to two sentences every theme shares ("Xin chân thành
cảm ơn."); a quarter are typed without diacritics and a tenth in lower case.
"""

from __future__ import annotations

import random

from ykien.analysis.text import strip_diacritics

THEMES = {
    "hoc_phi": [
        "Học phí bậc trung học cơ sở nên được miễn cho học sinh nghèo",
        "Mức học phí hiện nay quá cao so với thu nhập của phụ huynh",
        "Nhà trường không được thu thêm các khoản ngoài học phí",
        "Cần hỗ trợ học phí cho con em đồng bào vùng sâu vùng xa",
        "Nhiều em phải nghỉ học vì gia đình không đóng nổi học phí",
        "Đề nghị công khai các khoản thu của trường học đầu năm học",
        "Giáo viên không được ép học sinh đi học thêm",
        "Sách giáo khoa thay đổi liên tục gây tốn kém cho phụ huynh",
    ],
    "dat_dai": [
        "Giá bồi thường khi thu hồi đất phải sát giá thị trường",
        "Người bị thu hồi đất nông nghiệp cần được hỗ trợ chuyển đổi nghề",
        "Khu tái định cư phải hoàn thành trước khi thu hồi đất",
        "Thủ tục cấp giấy chứng nhận quyền sử dụng đất còn quá rườm rà",
        "Nhiều dự án thu hồi đất xong rồi bỏ hoang nhiều năm",
        "Phương án bồi thường giải phóng mặt bằng phải công khai cho dân biết",
        "Cấp sổ đỏ chậm khiến người dân không thể thế chấp vay vốn",
        "Đề nghị bồi thường đất ở theo giá đất tại thời điểm thu hồi",
    ],
    "y_te": [
        "Người có thẻ bảo hiểm y tế vẫn phải tự mua thuốc bên ngoài",
        "Khám chữa bệnh trái tuyến nên được bảo hiểm y tế chi trả đầy đủ",
        "Trạm y tế xã thiếu bác sĩ và trang thiết bị khám bệnh",
        "Bệnh nhân phải chờ khám cả ngày ở bệnh viện tuyến tỉnh",
        "Mức đóng bảo hiểm y tế hộ gia đình còn cao với người nghèo",
        "Người cao tuổi cần được khám sức khoẻ định kỳ miễn phí",
        "Danh mục thuốc bảo hiểm y tế chi trả cần mở rộng thêm",
        "Thủ tục thanh toán viện phí bằng thẻ bảo hiểm còn phiền hà",
    ],
    "moi_truong": [
        "Bãi rác gần khu dân cư bốc mùi hôi thối gây ô nhiễm",
        "Doanh nghiệp xả nước thải chưa xử lý ra sông phải bị phạt nặng",
        "Cần hướng dẫn người dân phân loại rác thải tại nguồn",
        "Rác thải nhựa tràn ngập kênh rạch ở nông thôn",
        "Khu công nghiệp phải có hệ thống xử lý nước thải đạt chuẩn",
        "Việc thu gom rác ở vùng nông thôn chưa được tổ chức thường xuyên",
        "Khói bụi từ nhà máy làm ô nhiễm không khí nghiêm trọng",
        "Đề nghị tăng mức phạt hành vi đổ rác thải bừa bãi",
    ],
    "giao_thong": [
        "Đường liên xã xuống cấp gây nguy hiểm cho người tham gia giao thông",
        "Tai nạn giao thông trên quốc lộ xảy ra thường xuyên",
        "Xe tải chạy quá tốc độ qua khu dân cư cần bị xử lý nghiêm",
        "Cần lắp đèn tín hiệu giao thông ở các ngã tư đông xe",
        "Người lái xe có nồng độ cồn phải bị tước bằng lái",
        "Cổng trường học giờ tan tầm thường xuyên ùn tắc giao thông",
        "Đề nghị đầu tư làm đường giao thông nông thôn cho các xã nghèo",
        "Nhiều cây cầu yếu chưa được sửa chữa gây mất an toàn",
    ],
}
NOISE = [
    "Tôi là người dân sống ở địa phương đã lâu.",
    "Kính gửi Ban soạn thảo.",
    "Tôi xin góp ý về dự thảo như sau.",
    "Mong Ban soạn thảo xem xét tiếp thu.",
    "Xin chân thành cảm ơn.",
    "Tôi đề nghị sửa đổi quy định của dự thảo cho phù hợp thực tế.",
    "Đây là vấn đề bức xúc của người dân hiện nay.",
    "Rất mong nhận được phản hồi.",
]
PREFIX = ["", "", "Theo tôi, ", "Thực tế cho thấy ", "Tôi thấy ", "Đề nghị làm rõ: ", "Ở xã tôi, "]


# words a topic's key phrases should contain, by theme
THEME_WORDS = {
    "hoc_phi": ("học", "phụ huynh", "nhà trường", "giáo", "trường"),
    "dat_dai": ("đất", "bồi thường", "tái định cư", "sổ đỏ", "giải phóng mặt bằng"),
    "y_te": ("y tế", "bệnh", "thuốc", "khám", "bác sĩ", "viện phí", "sức khoẻ"),
    "moi_truong": ("rác", "ô nhiễm", "nước thải", "môi trường", "khói bụi", "nhà máy"),
    "giao_thong": ("giao thông", "xe", "đường", "tai nạn", "cầu", "ùn tắc"),
}


def labelled_set(per_theme: int = 40, seed: int = 7) -> tuple[list[str], list[str]]:
    """`per_theme` comments on each of the five themes, shuffled: (texts, themes)."""
    rng = random.Random(seed)
    texts: list[str] = []
    labels: list[str] = []
    for theme, points in THEMES.items():
        for _ in range(per_theme):
            sentences = []
            for point in rng.sample(points, rng.choice([1, 1, 2, 2, 3])):
                prefix = rng.choice(PREFIX)
                body = point[0].lower() + point[1:] if prefix else point
                sentences.append(prefix + body + rng.choice([".", ".", "!", ""]))
            for _ in range(rng.choice([0, 1, 1, 2])):
                sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(NOISE))
            text = " ".join(sentences)
            u = rng.random()
            if u < 0.25:
                text = strip_diacritics(text)
            elif u < 0.35:
                text = text.lower()
            texts.append(text)
            labels.append(theme)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [labels[i] for i in order]
