"""An adversarial set of form-letter campaigns hidden among other comments.

Written independently of the duplicate detector: it makes the variations that organisers
and citizens actually make, whether or not the method handles them, and near-miss letters
that must *not* be grouped with a campaign.

- **Templates.** Hand-written civic form letters (greeting, three to five arguments, a
  request, a closing). `TUNING` templates may be looked at while tuning the method;
  `HELD_OUT` templates (and seeds 1000 and above) are for the final figures only.
- **Copies.** Each copy of a template gets, at random: a personal introduction ("Tôi là
  …, cư trú tại …") and sometimes a personal sentence; one or more sentences dropped (at
  least two thirds kept); sentences reordered; words swapped for synonyms; typos (letters
  swapped, dropped, doubled, a wrong tone mark); no diacritics at all; old tone-mark
  placement ("hòa", "thủy", "khỏe"); punctuation spaced out or dropped; lower or upper
  case; decomposed Unicode (NFD); line breaks.
- **Near misses.** Letters on the same topic as a template that share exactly one of its
  sentences (often the greeting or the request) but argue something else: not the
  campaign. Two templates of one topic share a sentence too.
- **Background.** Organic comments built from hand-written civic sentences and from real
  Vietnamese text written outside this project: the Vietnamese translations shipped with
  Django (always installed) and, when present, Debian's (`/usr/share/locale/vi`). A
  handful of stock one-liners ("Tôi hoàn toàn đồng ý với dự thảo.") typed by many people
  form their own duplicate groups, as they would in real data.

`generate(...)` returns texts, true labels (a group number, -1 for no group), the kind of
each text and, for the campaign evidence, timestamps, account keys and a campaign flag.
Deterministic for a seed.
"""

from __future__ import annotations

import gettext
import glob
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

# --- templates ---------------------------------------------------------------------------

# Each template: topic, sentences. The first sentence is a greeting, the last the request or
# the closing; the middle ones are the arguments.
TUNING: list[tuple[str, list[str]]] = [
    (
        "dat_dai",
        [
            "Kính gửi Ban soạn thảo dự thảo Luật Đất đai (sửa đổi).",
            "Giá bồi thường khi Nhà nước thu hồi đất nông nghiệp hiện nay chỉ bằng một phần nhỏ giá thị trường, người dân mất đất mà không đủ tiền mua lại đất sản xuất ở nơi khác.",
            "Nhiều hộ gia đình sau khi bị thu hồi đất đã không còn nghề nghiệp, con cái phải bỏ học đi làm thuê ở thành phố.",
            "Chúng tôi đề nghị quy định rõ giá bồi thường phải do hội đồng thẩm định độc lập xác định, có sự tham gia của đại diện người dân bị thu hồi đất.",
            "Đề nghị Ban soạn thảo xem xét, tiếp thu để luật thực sự bảo vệ quyền lợi chính đáng của người nông dân.",
        ],
    ),
    (
        "dat_dai",
        [
            "Kính gửi Ban soạn thảo dự thảo Luật Đất đai (sửa đổi).",
            "Khu tái định cư ở nhiều địa phương được xây dựng chậm, hạ tầng thiếu điện, thiếu nước sạch, xa trường học và trạm y tế.",
            "Người dân phải bàn giao mặt bằng trước rồi mới được bố trí tái định cư, có gia đình phải ở nhà thuê suốt ba, bốn năm.",
            "Tôi kiến nghị bổ sung quy định bắt buộc hoàn thành khu tái định cư đạt chuẩn trước khi ra quyết định thu hồi đất.",
        ],
    ),
    (
        "hoc_phi",
        [
            "Kính gửi Hội đồng nhân dân tỉnh và cơ quan soạn thảo Nghị quyết về học phí.",
            "Mức học phí dự kiến tăng gần gấp đôi so với năm học trước là quá cao đối với thu nhập của phần lớn phụ huynh ở nông thôn.",
            "Ngoài học phí, phụ huynh còn phải đóng rất nhiều khoản thu khác như quỹ lớp, tiền cơ sở vật chất, tiền học thêm.",
            "Chúng tôi đề nghị giữ nguyên mức học phí năm học này và lộ trình tăng không quá mười phần trăm mỗi năm.",
            "Xin chân thành cảm ơn và mong nhận được phản hồi của cơ quan soạn thảo.",
        ],
    ),
    (
        "y_te",
        [
            "Tôi xin góp ý về dự thảo sửa đổi Luật Bảo hiểm y tế như sau.",
            "Người có thẻ bảo hiểm y tế khi nằm viện vẫn phải tự bỏ tiền mua nhiều loại thuốc và vật tư y tế ngoài danh mục.",
            "Thủ tục chuyển tuyến còn rườm rà, bệnh nhân nặng phải chờ giấy chuyển viện mất cả buổi.",
            "Đề nghị mở rộng danh mục thuốc được quỹ bảo hiểm y tế chi trả và bỏ giấy chuyển tuyến đối với bệnh mãn tính.",
        ],
    ),
    (
        "moi_truong",
        [
            "Kính gửi Ủy ban nhân dân huyện và Ban soạn thảo quy định về quản lý chất thải rắn.",
            "Bãi rác tập trung của xã nằm sát khu dân cư, mùi hôi thối bốc lên suốt ngày đêm, nước rỉ rác chảy tràn ra ruộng lúa.",
            "Trẻ em và người già trong khu vực thường xuyên bị ho, viêm họng, đau mắt nhưng chưa có cơ quan nào kiểm tra.",
            "Chúng tôi đề nghị di dời bãi rác ra xa khu dân cư tối thiểu năm trăm mét và công khai kết quả quan trắc môi trường hằng quý.",
            "Rất mong các cơ quan chức năng sớm vào cuộc giải quyết dứt điểm.",
        ],
    ),
    (
        "giao_thong",
        [
            "Kính gửi Sở Giao thông vận tải về dự thảo kế hoạch đầu tư công giai đoạn tới.",
            "Tuyến đường liên xã đi qua địa bàn đã xuống cấp nghiêm trọng, ổ gà, ổ voi xuất hiện dày đặc, mùa mưa ngập sâu nửa mét.",
            "Đã có nhiều vụ tai nạn xảy ra, học sinh đi học phải lội nước, xe cứu thương không vào được.",
            "Đề nghị đưa tuyến đường này vào danh mục ưu tiên đầu tư ngay trong năm tới.",
        ],
    ),
    (
        "thu_tuc",
        [
            "Tôi xin có ý kiến về dự thảo quy định thủ tục hành chính trên môi trường điện tử.",
            "Nhiều người cao tuổi và người dân vùng sâu không có điện thoại thông minh nên không thể tự nộp hồ sơ trực tuyến.",
            "Việc bắt buộc xác thực tài khoản định danh điện tử mức hai khiến người dân phải đi lại nhiều lần mới làm xong một thủ tục.",
            "Kiến nghị giữ lại hình thức nộp hồ sơ giấy song song với hình thức trực tuyến, và bố trí cán bộ hướng dẫn tại bộ phận một cửa.",
            "Xin trân trọng cảm ơn.",
        ],
    ),
    (
        "thuy_dien",
        [
            "Kính gửi Ban soạn thảo quy trình vận hành liên hồ chứa trên lưu vực sông.",
            "Mỗi lần thủy điện xả lũ, người dân vùng hạ du chỉ được báo trước vài giờ, không kịp di dời tài sản và gia súc.",
            "Năm ngoái lũ về bất ngờ đã cuốn trôi hàng chục ngôi nhà và làm ngập hàng trăm héc-ta hoa màu.",
            "Chúng tôi đề nghị quy định thời gian thông báo xả lũ tối thiểu hai mươi bốn giờ và lắp đặt hệ thống loa cảnh báo tại từng thôn.",
        ],
    ),
]

HELD_OUT: list[tuple[str, list[str]]] = [
    (
        "luong",
        [
            "Kính gửi Quốc hội và Ban soạn thảo dự thảo Bộ luật Lao động (sửa đổi).",
            "Mức lương tối thiểu vùng hiện nay không đủ bảo đảm mức sống tối thiểu của người lao động và gia đình họ, nhất là ở các thành phố lớn.",
            "Công nhân phải làm thêm giờ liên tục mới đủ trang trải tiền thuê trọ, tiền ăn và tiền học cho con.",
            "Chúng tôi kiến nghị điều chỉnh lương tối thiểu hằng năm theo chỉ số giá tiêu dùng và giới hạn số giờ làm thêm không quá ba trăm giờ một năm.",
            "Mong Quốc hội lắng nghe tiếng nói của người lao động.",
        ],
    ),
    (
        "nuoc_sach",
        [
            "Tôi xin góp ý vào dự thảo đề án cấp nước sạch nông thôn của tỉnh.",
            "Nước giếng khoan ở nhiều thôn bị nhiễm phèn và nhiễm mặn, người dân phải mua nước bình để nấu ăn với giá rất cao.",
            "Đường ống cấp nước của dự án cũ đã hỏng từ lâu nhưng không được sửa chữa, trong khi người dân vẫn phải đóng tiền.",
            "Đề nghị ưu tiên kéo đường ống nước sạch về các thôn vùng ven biển trước mùa khô và miễn phí lắp đặt cho hộ nghèo.",
        ],
    ),
    (
        "cho",
        [
            "Kính gửi Ủy ban nhân dân phường về phương án di dời chợ truyền thống.",
            "Chợ đã hình thành hơn bốn mươi năm, là nguồn sống của gần hai trăm tiểu thương và gia đình họ.",
            "Địa điểm chợ mới cách xa khu dân cư, không có bãi giữ xe, người mua sẽ không đến và tiểu thương sẽ mất khách.",
            "Chúng tôi đề nghị tổ chức đối thoại công khai với tiểu thương trước khi quyết định và xem xét cải tạo chợ tại chỗ.",
            "Xin chân thành cảm ơn.",
        ],
    ),
    (
        "rung",
        [
            "Kính gửi Ban soạn thảo dự thảo Nghị định về quản lý rừng phòng hộ.",
            "Diện tích rừng phòng hộ đầu nguồn ở huyện đã giảm mạnh do bị chuyển đổi sang trồng cây công nghiệp và làm dự án du lịch.",
            "Mỗi mùa mưa, sạt lở đất và lũ quét ngày càng nghiêm trọng, đe dọa tính mạng đồng bào các bản vùng cao.",
            "Kiến nghị cấm chuyển đổi mục đích sử dụng rừng phòng hộ đầu nguồn và nâng mức chi trả dịch vụ môi trường rừng cho người giữ rừng.",
        ],
    ),
    (
        "nha_o",
        [
            "Tôi xin có ý kiến về dự thảo quy hoạch chi tiết khu đô thị mới phía tây thành phố.",
            "Quy hoạch dành quá ít đất cho trường học, công viên và nhà ở xã hội, trong khi diện tích biệt thự và trung tâm thương mại rất lớn.",
            "Người lao động thu nhập thấp sẽ không có cơ hội mua nhà trong khu vực này.",
            "Đề nghị tăng tỷ lệ đất dành cho nhà ở xã hội lên ít nhất hai mươi phần trăm và bố trí đủ trường học công lập.",
            "Trân trọng cảm ơn.",
        ],
    ),
    (
        "luong",
        [
            "Kính gửi Quốc hội và Ban soạn thảo dự thảo Bộ luật Lao động (sửa đổi).",
            "Nhiều doanh nghiệp nợ đóng bảo hiểm xã hội kéo dài, người lao động đến khi nghỉ việc mới biết mình không được hưởng chế độ.",
            "Cơ quan bảo hiểm xã hội cần được quyền khởi kiện doanh nghiệp nợ đóng thay cho người lao động.",
            "Chúng tôi đề nghị xử lý hình sự đối với chủ doanh nghiệp cố tình chiếm dụng tiền đóng bảo hiểm xã hội của người lao động.",
        ],
    ),
]

# Same topic, other points: the bodies of near-miss letters (one template sentence is added).
OTHER_POINTS: dict[str, list[str]] = {
    "dat_dai": [
        "Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu còn kéo dài nhiều tháng.",
        "Đất nông nghiệp bỏ hoang sau khi thu hồi cho dự án cần được trả lại cho dân canh tác.",
        "Bảng giá đất của tỉnh cần được điều chỉnh hằng năm thay vì năm năm một lần.",
        "Người dân nên được quyền khởi kiện quyết định thu hồi đất trước khi bị cưỡng chế.",
        "Hạn mức nhận chuyển nhượng đất trồng lúa nên được nâng lên để khuyến khích tích tụ ruộng đất.",
        "Tranh chấp ranh giới đất giữa các hộ ở thôn tôi kéo dài nhiều năm chưa được giải quyết.",
    ],
    "hoc_phi": [
        "Sách giáo khoa thay đổi liên tục khiến phụ huynh tốn kém mỗi đầu năm học.",
        "Giáo viên vùng khó khăn cần được hỗ trợ tiền nhà ở công vụ.",
        "Nên miễn học phí cho học sinh trung học cơ sở ở các xã đặc biệt khó khăn.",
        "Bữa ăn bán trú của học sinh tiểu học cần được kiểm tra chất lượng thường xuyên.",
        "Trường học ở thôn tôi thiếu phòng học, các em phải học ca ba.",
    ],
    "y_te": [
        "Trạm y tế xã cần có bác sĩ thường trực vào ban đêm.",
        "Người cao tuổi nên được khám sức khỏe định kỳ miễn phí mỗi năm một lần.",
        "Giá dịch vụ khám chữa bệnh theo yêu cầu ở bệnh viện công đang quá cao.",
        "Bệnh viện huyện thiếu máy chụp cắt lớp nên bệnh nhân phải lên tuyến tỉnh.",
        "Mức đóng bảo hiểm y tế hộ gia đình nên giảm cho thành viên thứ ba trở đi.",
    ],
    "moi_truong": [
        "Nên hướng dẫn người dân phân loại rác tại nguồn và phát túi đựng rác miễn phí.",
        "Cơ sở chăn nuôi heo trong khu dân cư xả thải trực tiếp ra mương thoát nước.",
        "Khói bụi từ lò gạch thủ công làm ô nhiễm không khí cả một vùng.",
        "Cần trồng thêm cây xanh dọc các tuyến kênh để chống sạt lở.",
        "Phí thu gom rác ở nông thôn nên tính theo khối lượng thay vì theo hộ.",
    ],
    "giao_thong": [
        "Cần lắp đèn tín hiệu giao thông ở ngã tư trước cổng trường tiểu học.",
        "Xe tải chở vật liệu chạy quá tải làm hư hỏng đường bê tông nông thôn.",
        "Bến xe khách của huyện nên được di dời ra khỏi trung tâm thị trấn.",
        "Cầu tạm bắc qua kênh đã mục nát, người dân đi lại rất nguy hiểm.",
        "Nên mở thêm tuyến xe buýt từ trung tâm huyện lên thành phố.",
    ],
    "thu_tuc": [
        "Cổng dịch vụ công thường xuyên bị lỗi vào giờ cao điểm.",
        "Phí chứng thực bản sao điện tử nên được miễn cho người dân.",
        "Kết quả giải quyết thủ tục nên được gửi qua bưu điện đến tận nhà.",
        "Cán bộ một cửa cần niêm yết rõ thời hạn trả kết quả của từng thủ tục.",
        "Nên cho phép ủy quyền cho người thân nộp hồ sơ thay người cao tuổi.",
    ],
    "thuy_dien": [
        "Các nhà máy thủy điện nhỏ cần trồng bù diện tích rừng đã chặt khi xây dựng.",
        "Tiền cấp quyền khai thác tài nguyên nước nên để lại một phần cho địa phương.",
        "Đường vận hành của thủy điện làm hỏng đường dân sinh mà không được sửa.",
        "Nên kiểm định an toàn đập thủy điện trước mỗi mùa mưa bão.",
        "Người dân tái định cư thủy điện cần được cấp đất sản xuất đủ canh tác.",
    ],
    "luong": [
        "Thời gian nghỉ thai sản của lao động nam nên kéo dài lên mười ngày.",
        "Doanh nghiệp phải công khai thang bảng lương cho người lao động biết.",
        "Công đoàn cơ sở cần độc lập hơn với người sử dụng lao động.",
        "Tuổi nghỉ hưu của lao động nặng nhọc không nên tăng như lao động văn phòng.",
        "Nhà trọ công nhân cần được kiểm tra an toàn phòng cháy chữa cháy.",
    ],
    "nuoc_sach": [
        "Giá nước sinh hoạt ở nông thôn đang cao hơn cả ở thành phố.",
        "Công trình nước tập trung của xã nên giao cho hợp tác xá quản lý.",
        "Cần kiểm tra chất lượng nước máy định kỳ và công khai kết quả cho dân biết.",
        "Nên hỗ trợ người dân mua bồn chứa nước mưa dùng trong mùa khô.",
        "Hệ thống đồng hồ nước cũ đo sai khiến nhiều hộ phải trả tiền oan.",
    ],
    "cho": [
        "Ban quản lý chợ thu phí vệ sinh cao nhưng rác vẫn ùn ứ cuối ngày.",
        "Cần bố trí khu bán hàng riêng cho người nông dân mang rau ra chợ bán.",
        "Chợ đêm ở trung tâm thị trấn gây ùn tắc giao thông vào cuối tuần.",
        "Nên lắp thêm bình chữa cháy và vòi nước ở các dãy sạp hàng.",
        "Giá thuê sạp ở chợ mới phải được công khai và ổn định ít nhất năm năm.",
    ],
    "rung": [
        "Người dân nhận khoán bảo vệ rừng nên được hưởng lợi từ lâm sản ngoài gỗ.",
        "Cần tăng cường lực lượng kiểm lâm tại các xã biên giới.",
        "Nên cho phép trồng cây dược liệu dưới tán rừng để tăng thu nhập.",
        "Việc giao đất giao rừng cho cộng đồng thôn bản cần được đẩy nhanh.",
        "Các vụ phá rừng lấy đất làm rẫy cần được xử lý nghiêm minh.",
    ],
    "nha_o": [
        "Thủ tục mua nhà ở xã hội còn yêu cầu quá nhiều giấy tờ xác nhận thu nhập.",
        "Các chung cư cũ xuống cấp cần sớm được cải tạo, xây dựng lại.",
        "Nên kiểm soát giá bán căn hộ để tránh đầu cơ thổi giá.",
        "Khu đô thị mới phải có bãi đỗ xe công cộng đủ cho cư dân.",
        "Cần quy định phí quản lý chung cư minh bạch, có sự giám sát của cư dân.",
    ],
}

GREETINGS_SHARED = [
    "Xin chân thành cảm ơn.",
    "Trân trọng cảm ơn.",
    "Xin trân trọng cảm ơn.",
]

STOCK = [
    "Tôi hoàn toàn đồng ý với dự thảo.",
    "Đồng ý với nội dung dự thảo, không có ý kiến gì thêm.",
    "Nhất trí với quy định này.",
    "Tôi không đồng ý với điều khoản này.",
]

# Synonyms and near-synonyms organisers swap (either direction).
SYNONYMS: list[tuple[str, ...]] = [
    ("đề nghị", "kiến nghị", "đề xuất", "yêu cầu"),
    ("người dân", "nhân dân", "bà con"),
    ("hiện nay", "hiện tại", "lúc này"),
    ("quy định", "điều khoản", "quy chế"),
    ("chúng tôi", "chúng tôi là những người dân", "tập thể chúng tôi"),
    ("rất", "hết sức", "vô cùng"),
    ("nhiều", "không ít", "rất nhiều"),
    ("xem xét", "cân nhắc", "nghiên cứu"),
    ("tiếp thu", "ghi nhận", "tiếp nhận"),
    ("bảo đảm", "đảm bảo"),
    ("nghiêm trọng", "trầm trọng"),
    ("ngay", "sớm", "kịp thời"),
    ("thu nhập", "thu nhập thực tế"),
    ("hộ gia đình", "gia đình", "hộ dân"),
    ("cơ quan chức năng", "các cấp chính quyền", "cơ quan có thẩm quyền"),
    ("tối thiểu", "ít nhất"),
    ("mong", "rất mong", "hy vọng"),
    ("quá cao", "rất cao", "cao quá mức"),
    ("sớm", "nhanh chóng"),
    ("Ban soạn thảo", "cơ quan soạn thảo", "Tổ biên tập"),
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thuỳ", "Đức", "Hoài", ""]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hoà",
    "Hương",
    "Khoa",
    "Lan",
    "Mai",
    "Nam",
    "Oanh",
    "Phúc",
    "Quý",
    "Sơn",
    "Thuý",
    "Tuấn",
    "Uyên",
    "Vinh",
    "Xuân",
    "Yến",
    "Thủy",
    "Hoàng",
    "Khoẻ",
    "Toàn",
]
PLACES = [
    "tổ 5, phường Hoà Khánh, quận Liên Chiểu, Đà Nẵng",
    "ấp Phước Thuận, xã Phước Hậu, tỉnh Vĩnh Long",
    "thôn Đông, xã Thuỷ Phù, thị xã Hương Thuỷ",
    "khóm 3, phường 9, thành phố Trà Vinh",
    "bản Pá Khoang, xã Mường Phăng, tỉnh Điện Biên",
    "số 12 ngõ 45 phố Khâm Thiên, Hà Nội",
    "ấp Tân Hoà, xã Tân Quới, huyện Bình Tân",
    "thôn Quý Thạnh, xã Hoà Tiến, huyện Hoà Vang",
    "khu phố 2, phường Linh Trung, thành phố Thủ Đức",
    "xóm Trại, xã Nghĩa Hoà, huyện Nghĩa Hưng, Nam Định",
]
JOBS = [
    "nông dân",
    "giáo viên đã nghỉ hưu",
    "công nhân may",
    "tiểu thương",
    "cựu chiến binh",
    "sinh viên",
    "kỹ sư xây dựng",
    "ngư dân",
    "cán bộ hưu trí",
    "nội trợ",
]

INTROS = [
    "Tôi là {name}, {age} tuổi, cư trú tại {place}.",
    "Tôi tên là {name}, hiện đang sinh sống tại {place}.",
    "Tôi là {name}, {job}, thường trú tại {place}.",
    "Cháu là {name}, {age} tuổi, nhà ở {place}.",
    "Họ và tên: {name}. Địa chỉ: {place}.",
    "Là {job} ở {place}, tôi xin gửi ý kiến của mình.",
]
PERSONAL = [
    "Gia đình tôi có ba người con đang đi học nên rất lo lắng về việc này.",
    "Bản thân tôi đã chứng kiến cảnh bà con khổ sở suốt nhiều năm qua.",
    "Tôi viết thư này thay cho cả khu phố vì nhiều cụ già không biết dùng máy tính.",
    "Nhà tôi ở ngay cạnh nên hiểu rất rõ hoàn cảnh của bà con.",
    "Đây là lần đầu tiên tôi góp ý cho một dự thảo văn bản pháp luật.",
    "Tôi mong ý kiến nhỏ này được đọc và trả lời.",
    "Mẹ tôi năm nay đã bảy mươi tuổi và phải chịu cảnh này hằng ngày.",
]

# Hand-written organic civic sentences (not form letters), and a small grammar for more.
ORGANIC = [
    "Điều 12 cần làm rõ ai chịu trách nhiệm khi có sai sót trong hồ sơ.",
    "Theo tôi khoản 3 nên bổ sung trường hợp người khuyết tật.",
    "Dự thảo viết quá chung chung, khó áp dụng ở cơ sở.",
    "Nên có thời gian chuyển tiếp ít nhất một năm trước khi áp dụng.",
    "Tôi thấy mức phạt như dự thảo là hợp lý.",
    "Cần quy định rõ thời hạn trả lời kiến nghị của công dân.",
    "Ở xã tôi chưa có cán bộ nào phổ biến dự thảo này cho bà con.",
    "Phụ lục kèm theo thiếu biểu mẫu cho hộ kinh doanh cá thể.",
    "Cụm từ 'trường hợp đặc biệt' trong điều này dễ bị lạm dụng.",
    "Nên giao cho ủy ban nhân dân cấp xã quyết định thay vì cấp huyện.",
    "Tôi đề nghị bỏ khoản 4 vì trùng với luật hiện hành.",
    "Cách tính thời hạn theo ngày làm việc hay ngày lịch cần ghi rõ.",
    "Hội phụ nữ xã chúng tôi đã thảo luận và thống nhất với dự thảo.",
    "Văn bản nên có bản dịch tiếng dân tộc cho đồng bào dễ hiểu.",
    "Cần có cơ chế giám sát của Mặt trận Tổ quốc đối với việc thực hiện.",
    "Việc thu phí như dự thảo sẽ làm tăng gánh nặng cho người nghèo.",
    "Nên lấy thêm ý kiến của doanh nghiệp nhỏ và vừa trước khi ban hành.",
    "Điều 7 mâu thuẫn với khoản 2 Điều 20 của chính dự thảo.",
    "Định nghĩa hộ nghèo trong dự thảo chưa theo chuẩn nghèo mới.",
    "Tôi ủng hộ việc công khai danh sách các hộ được hỗ trợ.",
    "Cán bộ thôn nên được phụ cấp thêm khi làm nhiệm vụ này.",
    "Số liệu trong tờ trình đã cũ, cần cập nhật lại.",
    "Dự thảo chưa nói gì đến việc bảo vệ dữ liệu cá nhân của người dân.",
    "Mong Ban soạn thảo giải thích vì sao bỏ quy định cũ.",
    "Chuyện này ở quê tôi đã diễn ra mấy năm nay rồi mà chưa ai giải quyết.",
    "Tôi làm nghề đánh bắt cá và thấy quy định mới khó thực hiện trên biển.",
    "Phí đăng ký nên thu qua ngân hàng để tránh tiêu cực.",
    "Cần quy định trách nhiệm bồi thường của cán bộ làm sai.",
    "Tôi đề nghị tăng mức hỗ trợ cho người có công với cách mạng.",
    "Hồ sơ nên được nộp một lần, không bắt dân bổ sung nhiều lần.",
]
_G_WHO = [
    "Tôi",
    "Gia đình tôi",
    "Bà con trong xóm",
    "Hội viên nông dân",
    "Cử tri phường tôi",
    "Chị em tiểu thương",
    "Các cựu chiến binh",
    "Phụ huynh học sinh",
]
_G_VERB = ["mong", "đề nghị", "thấy cần", "kiến nghị", "rất mong"]
_G_WHAT = [
    "sửa lại khoản {k} Điều {d}",
    "bổ sung quy định về {x}",
    "làm rõ trách nhiệm của {y}",
    "giảm thủ tục liên quan đến {x}",
    "công khai thông tin về {x}",
    "tăng mức hỗ trợ cho {z}",
]
_G_X = [
    "cấp phép xây dựng",
    "đăng ký hộ kinh doanh",
    "chuyển đổi đất vườn",
    "hỗ trợ sinh kế",
    "an toàn thực phẩm",
    "quản lý chợ",
    "phòng cháy chữa cháy",
    "đê điều",
    "nuôi trồng thủy sản",
    "hộ tịch",
]
_G_Y = [
    "ủy ban nhân dân xã",
    "chủ đầu tư",
    "ban quản lý dự án",
    "trưởng thôn",
    "cơ quan thuế",
    "doanh nghiệp",
    "công an xã",
]
_G_Z = [
    "hộ nghèo",
    "người khuyết tật",
    "người cao tuổi cô đơn",
    "trẻ em mồ côi",
    "ngư dân",
    "lao động tự do",
]
_G_WHY = [
    "vì thực tế ở địa phương rất khác",
    "để tránh tình trạng mỗi nơi làm một kiểu",
    "vì người dân đang gặp nhiều khó khăn",
    "để bảo đảm công bằng",
    "vì quy định hiện hành đã lạc hậu",
    "",
]


@cache
def real_sentences() -> tuple[str, ...]:
    """Vietnamese sentences written outside this project: the translations of Django
    (installed with the project) and, when present, those under /usr/share/locale/vi.
    Only entries of 6 to 40 words without format codes, markup or options."""
    files = [Path(p) for p in glob.glob("/usr/share/locale/vi/LC_MESSAGES/*.mo")]
    import django

    root = Path(django.__file__).resolve().parent
    files += sorted(root.glob("**/locale/vi/LC_MESSAGES/*.mo"))
    bad = re.compile(r"[%{}<>\\_`|$@#=*/\[\]]|--|\.\.\.|\b[A-Z]{3,}\b")
    out: set[str] = set()
    for path in sorted(files):
        try:
            with path.open("rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError):
            continue
        for value in catalog.values():
            if not isinstance(value, str):
                continue
            text = " ".join(value.split())
            words = text.split()
            if not 6 <= len(words) <= 40 or bad.search(text):
                continue
            if not any(ch in text for ch in "ăâđêôơưáàảãạ"):
                continue
            if text[-1] not in ".!?":
                text += "."
            out.add(text[0].upper() + text[1:])
    return _distinct(sorted(out))


def _distinct(sentences: list[str]) -> tuple[str, ...]:
    """Drop sentences that share half or more of their word pairs with one kept
    before (software messages come in families: "Không thể mở tập tin …"), so that
    two background sentences are never near-duplicates of each other. Brute force over
    an index of word pairs; independent of the detector under test."""
    index: dict[tuple[str, str], list[int]] = {}
    kept: list[set[tuple[str, str]]] = []
    out: list[str] = []
    for sentence in sentences:
        words = re.findall(r"\w+", strip_marks(sentence).lower())
        pairs = set(itertools.pairwise(words))
        if not pairs:
            continue
        seen: dict[int, int] = {}
        for pair in pairs:
            for j in index.get(pair, ()):
                seen[j] = seen.get(j, 0) + 1
        if any(c / min(len(pairs), len(kept[j])) >= 0.5 for j, c in seen.items()):
            continue
        for pair in pairs:
            index.setdefault(pair, []).append(len(kept))
        kept.append(pairs)
        out.append(sentence)
    return tuple(out)


# --- variations ----------------------------------------------------------------------------

_NEW_TO_OLD = {}
for _pair in ("oa", "oe", "uy"):
    for _mark in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
        _new = unicodedata.normalize("NFC", _pair[0] + _pair[1] + _mark)
        _old = unicodedata.normalize("NFC", _pair[0] + _mark + _pair[1])
        _NEW_TO_OLD[_new] = _old
        _NEW_TO_OLD[_new.upper()] = _old.upper()
_OLD_STYLE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(re.escape(k) for k in _NEW_TO_OLD) + r")(?![\w])"
)
_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def old_tone_marks(text: str) -> str:
    """New-style tone placement to old style at the end of a syllable: hoà → hòa,
    thuỷ → thủy, khoẻ → khỏe (but quý stays quý)."""
    return _OLD_STYLE_RE.sub(lambda m: _NEW_TO_OLD[m.group(1)], unicodedata.normalize("NFC", text))


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _typo(word: str, rng: np.random.Generator) -> str:
    if len(word) < 3:
        return word
    kind = int(rng.integers(0, 5))
    i = int(rng.integers(1, len(word) - 1))
    if kind == 0:  # swap two letters
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == 1:  # drop a letter
        return word[:i] + word[i + 1 :]
    if kind == 2:  # double a letter
        return word[:i] + word[i] + word[i:]
    if kind == 3:  # wrong tone mark
        decomposed = unicodedata.normalize("NFD", word)
        marks = [j for j, c in enumerate(decomposed) if c in _TONES]
        if marks:
            j = marks[0]
            other = [t for t in _TONES if t != decomposed[j]]
            decomposed = (
                decomposed[:j] + other[int(rng.integers(0, len(other)))] + decomposed[j + 1 :]
            )
            return unicodedata.normalize("NFC", decomposed)
        return word + word[-1]
    # a neighbouring key
    keys = "qwertyuiopasdfghjklzxcvbnm"
    return word[:i] + keys[int(rng.integers(0, len(keys)))] + word[i + 1 :]


def _synonyms(sentence: str, rng: np.random.Generator, count: int) -> str:
    for _ in range(count):
        options = [group for group in SYNONYMS if any(w in sentence for w in group)]
        if not options:
            break
        group = options[int(rng.integers(0, len(options)))]
        present = [w for w in group if w in sentence]
        old = present[int(rng.integers(0, len(present)))]
        new = [w for w in group if w != old][int(rng.integers(0, len(group) - 1))]
        sentence = sentence.replace(old, new, 1)
    return sentence


def _name(rng: np.random.Generator) -> str:
    parts = [
        SURNAMES[int(rng.integers(0, len(SURNAMES)))],
        MIDDLE[int(rng.integers(0, len(MIDDLE)))],
        GIVEN[int(rng.integers(0, len(GIVEN)))],
    ]
    return " ".join(p for p in parts if p)


def _intro(rng: np.random.Generator) -> str:
    pattern = INTROS[int(rng.integers(0, len(INTROS)))]
    return pattern.format(
        name=_name(rng),
        age=int(rng.integers(19, 86)),
        place=PLACES[int(rng.integers(0, len(PLACES)))],
        job=JOBS[int(rng.integers(0, len(JOBS)))],
    )


@dataclass(frozen=True)
class Variation:
    """Probabilities of each variation of a copy (defaults: the adversarial mix)."""

    intro: float = 0.5
    personal: float = 0.3
    drop: float = 0.4
    reorder: float = 0.3
    synonyms: float = 0.5
    typos: float = 0.35
    no_diacritics: float = 0.2
    old_marks: float = 0.25
    spaced_punct: float = 0.15
    no_punct: float = 0.15
    lower: float = 0.2
    upper: float = 0.03
    nfd: float = 0.1
    line_breaks: float = 0.2
    story: float = 0.1  # a long personal story (three to five sentences) before the letter


def copy_of(template: list[str], rng: np.random.Generator, v: Variation = Variation()) -> str:
    """One copy of a template with random variations."""
    sentences = list(template)
    if rng.random() < v.drop and len(sentences) >= 3:
        keep = max(2, -(-2 * len(sentences) // 3))  # at least two thirds, at least two
        drop = int(rng.integers(1, len(sentences) - keep + 1)) if len(sentences) > keep else 0
        for _ in range(drop):
            sentences.pop(int(rng.integers(0, len(sentences))))
    if rng.random() < v.reorder:
        order = rng.permutation(len(sentences))
        sentences = [sentences[i] for i in order]
    if rng.random() < v.synonyms:
        count = int(rng.integers(1, 5))
        sentences = [
            _synonyms(s, rng, max(1, count // len(sentences) + int(rng.random() < 0.5)))
            for s in sentences
        ]
    if rng.random() < v.story:
        story = rng.choice(len(PERSONAL), size=int(rng.integers(3, 6)), replace=False)
        sentences[0:0] = [PERSONAL[int(i)] for i in story]
    if rng.random() < v.intro:
        sentences.insert(0, _intro(rng))
        if rng.random() < v.personal:
            sentences.insert(1, PERSONAL[int(rng.integers(0, len(PERSONAL)))])
    text = ("\n" if rng.random() < v.line_breaks else " ").join(sentences)
    if rng.random() < v.typos:
        words = text.split(" ")
        for _ in range(int(rng.integers(1, 4))):
            i = int(rng.integers(0, len(words)))
            words[i] = _typo(words[i], rng)
        text = " ".join(words)
    if rng.random() < v.old_marks:
        text = old_tone_marks(text)
    if rng.random() < v.no_diacritics:
        text = strip_marks(text)
    if rng.random() < v.spaced_punct:
        text = re.sub(r"\s*([,.;:!?])", r" \1 ", text)
    elif rng.random() < v.no_punct:
        text = re.sub(r"[,.;:!?()]", "", text)
    r = rng.random()
    if r < v.lower:
        text = text.lower()
    elif r < v.lower + v.upper:
        text = text.upper()
    if rng.random() < v.nfd:
        text = unicodedata.normalize("NFD", text)
    return text


def near_miss(
    topic: str, template: list[str], rng: np.random.Generator, real: tuple[str, ...], used: set[int]
) -> str:
    """A letter on the template's topic that shares exactly one of its sentences, with one
    or two other points of the same topic and two or three sentences of its own."""
    shared = template[int(rng.integers(0, len(template)))]
    pool = OTHER_POINTS[topic]
    own = [pool[i] for i in rng.choice(len(pool), size=int(rng.integers(1, 3)), replace=False)]
    for _ in range(int(rng.integers(2, 4))):
        own.append(_fresh(rng, real, used) or _grammar_sentence(rng))
    sentences = [own[i] for i in rng.permutation(len(own))]
    sentences.insert(int(rng.integers(0, len(sentences) + 1)), shared)
    if rng.random() < 0.5:
        sentences.insert(0, _intro(rng))
    return " ".join(sentences)


def _fresh(rng: np.random.Generator, real: tuple[str, ...], used: set[int]) -> str | None:
    """A real sentence not used yet in this set (any one once all are used)."""
    if not real:
        return None
    for _attempt in range(30):
        i = int(rng.integers(0, len(real)))
        if i not in used or len(used) >= len(real):
            used.add(i)
            return real[i]
    return None


def _grammar_sentence(rng: np.random.Generator) -> str:
    def pick(items: list[str]) -> str:
        return items[int(rng.integers(0, len(items)))]

    what = pick(_G_WHAT).format(
        k=int(rng.integers(1, 9)),
        d=int(rng.integers(1, 60)),
        x=pick(_G_X),
        y=pick(_G_Y),
        z=pick(_G_Z),
    )
    why = pick(_G_WHY)
    return f"{pick(_G_WHO)} {pick(_G_VERB)} {what}{' ' + why if why else ''}."


def organic(rng: np.random.Generator, real: tuple[str, ...], used: set[int]) -> str:
    """1 to 4 sentences, real ones (each used once in a set while any is left, so two
    organic comments rarely share one); a comment of three or more sentences may have one
    of the hand-written civic ones. Without real text, the sentences come from a small
    grammar of civic requests."""
    n = int(rng.integers(1, 5))
    out: list[str] = []
    if n >= 3 and rng.random() < 0.5:
        out.append(ORGANIC[int(rng.integers(0, len(ORGANIC)))])
    while len(out) < n:
        out.append(_fresh(rng, real, used) or _grammar_sentence(rng))
    order = rng.permutation(len(out))
    text = " ".join(out[i] for i in order)
    if rng.random() < 0.15:
        text = strip_marks(text)
    if rng.random() < 0.1:
        text = text.lower()
    return text


# --- the set --------------------------------------------------------------------------------

KIND_ORGANIC = "organic"
KIND_COPY = "copy"
KIND_NEAR_MISS = "near_miss"
KIND_STOCK = "stock"

START = 1_751_328_000.0  # 2025-07-01 00:00 UTC
PERIOD = 30 * 86_400.0


@dataclass
class CampaignSet:
    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)  # group number; -1: in no group
    kinds: list[str] = field(default_factory=list)
    timestamps: list[float] = field(default_factory=list)  # POSIX seconds
    accounts: list[str] = field(default_factory=list)  # "u:…" accounts, "a:…" anonymous
    coordinated: dict[int, bool] = field(default_factory=dict)  # label → posted as a campaign

    def add(self, text: str, label: int, kind: str, ts: float, account: str) -> None:
        self.texts.append(text)
        self.labels.append(label)
        self.kinds.append(kind)
        self.timestamps.append(ts)
        self.accounts.append(account)

    def labels_array(self) -> np.ndarray:
        return np.asarray(self.labels, dtype=np.int64)


def generate(
    *,
    seed: int,
    templates: str = "tuning",
    sizes: tuple[int, ...] = (2, 3, 5, 12, 40, 120, 500),
    organic_n: int = 1600,
    near_misses_per_template: int = 8,
    stock_n: int = 40,
    variation: Variation = Variation(),
    real: bool = True,
) -> CampaignSet:
    """A shuffled set: every template of `templates` ("tuning", "held_out" or "all") is
    copied as one campaign, its size drawn from `sizes` (each size used at least once
    while there are templates left); near misses, stock one-liners and organic comments
    around them. Labels: one per template (copies), one per stock phrase, -1 otherwise."""
    rng = np.random.default_rng(seed)
    chosen = {"tuning": TUNING, "held_out": HELD_OUT, "all": TUNING + HELD_OUT}[templates]
    pool = real_sentences() if real else ()
    used: set[int] = set()
    rows: list[tuple[str, int, str, float, str]] = []
    coordinated_of: dict[int, bool] = {}
    size_list = list(sizes) + [
        int(s) for s in rng.choice(sizes, size=max(0, len(chosen) - len(sizes)))
    ]
    rng.shuffle(size_list)
    account_no = 0

    def new_account(prefix: str = "u") -> str:
        nonlocal account_no
        account_no += 1
        return f"{prefix}:{account_no}"

    for number, (topic, template) in enumerate(chosen):
        size = size_list[number % len(size_list)]
        coordinated = size >= 5 and rng.random() < 0.8
        coordinated_of[number] = coordinated
        burst_start = START + float(rng.random()) * (PERIOD - 86_400)
        ring = [new_account() for _ in range(max(2, size // 10))]
        for _ in range(size):
            if coordinated:
                ts = burst_start + float(rng.exponential(3 * 3600.0))
                account = (
                    ring[int(rng.integers(0, len(ring)))]
                    if rng.random() < 0.5
                    else new_account("a")
                )
            else:
                ts = START + float(rng.random()) * PERIOD
                account = new_account()
            rows.append((copy_of(template, rng, variation), number, KIND_COPY, ts, account))
        for _ in range(near_misses_per_template):
            rows.append(
                (
                    near_miss(topic, template, rng, pool, used),
                    -1,
                    KIND_NEAR_MISS,
                    START + float(rng.random()) * PERIOD,
                    new_account(),
                )
            )
    base = len(chosen)
    for _ in range(stock_n):
        k = int(rng.integers(0, len(STOCK)))
        text = STOCK[k]
        if rng.random() < 0.3:
            text = strip_marks(text)
        if rng.random() < 0.2:
            text = text.lower().rstrip(".")
        rows.append(
            (text, base + k, KIND_STOCK, START + float(rng.random()) * PERIOD, new_account())
        )
    for _ in range(organic_n):
        rows.append(
            (
                organic(rng, pool, used),
                -1,
                KIND_ORGANIC,
                START + float(rng.random()) * PERIOD,
                new_account(),
            )
        )
    order = rng.permutation(len(rows))
    out = CampaignSet()
    for i in order:
        out.add(*rows[i])
    out.coordinated = coordinated_of
    # a stock phrase typed once is in no group
    labels = np.asarray(out.labels)
    for k in range(len(STOCK)):
        if (labels == base + k).sum() == 1:
            out.labels[int(np.flatnonzero(labels == base + k)[0])] = -1
    return out
