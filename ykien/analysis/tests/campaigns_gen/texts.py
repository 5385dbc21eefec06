"""The hand-written texts of the set: form-letter templates (tuning and held out), the other
points of each topic, stock one-liners, synonyms, names, places, introductions, personal
sentences and the pieces of the organic comments."""

from __future__ import annotations

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
