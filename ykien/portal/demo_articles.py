"""Twenty articles written for the demo about the front committees' work in Vĩnh Long province
(and, before 1 July 2025, Trà Vinh). Names, figures and events are invented for the demo."""

from __future__ import annotations

import datetime as dt

# Each article: unit code, byline, days before the day the demo is loaded (negative: scheduled
# in the future) or, for the events of 2025, the day ("on"), title, summary, body (## headings),
# tags, photos (scene, label on the picture, caption, alt), feedback (name, title, content,
# status, reply). The texts name years by the day of publication: {year}, {next_year},
# {two_years_ago}, {plan_period} (the next four years), {school_year}, {season} (the coming
# winter–spring rice crop) and {date} (the day itself); see ``portal.demo.fill``.
ARTICLES: list[dict] = [
    {
        "unit": "MTTQ-86",
        "byline": "Minh Thư",
        "days": 2,
        "title": "Hội nghị phản biện dự thảo Nghị quyết hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo",
        "summary": "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long tổ chức hội nghị phản biện xã hội dự thảo Nghị quyết của Hội đồng nhân dân tỉnh về hỗ trợ xây mới, sửa chữa nhà ở cho hộ nghèo, hộ cận nghèo giai đoạn {plan_period}, với sự tham gia của chuyên gia, đại diện người dân và các sở, ngành.",
        "body": """## Nhiều ý kiến về mức hỗ trợ
Tại hội nghị, các đại biểu thống nhất sự cần thiết ban hành Nghị quyết, nhưng đề nghị nâng mức hỗ trợ xây mới từ 50 lên 60 triệu đồng mỗi căn, vì giá vật liệu xây dựng đã tăng đáng kể so với năm {two_years_ago}.

Đại diện Hội Liên hiệp Phụ nữ tỉnh đề nghị ưu tiên hộ có phụ nữ làm chủ hộ nuôi con nhỏ, hộ có người khuyết tật và hộ đồng bào dân tộc Khmer ở vùng thường xuyên sạt lở.

## Đề nghị làm rõ tiêu chí và thủ tục
Nhiều ý kiến cho rằng dự thảo còn quy định hồ sơ phức tạp; đề nghị cho phép Ban Công tác Mặt trận ấp, khóm xác nhận hiện trạng nhà ở thay cho biên bản của nhiều cơ quan.

## Bước tiếp theo
Ủy ban MTTQ tỉnh sẽ tổng hợp các ý kiến thành văn bản phản biện gửi Ủy ban nhân dân tỉnh và cơ quan soạn thảo; việc tiếp thu, giải trình từng ý kiến sẽ được công khai trên Ý Kiến.""",
        "tags": ["Phản biện xã hội", "Nhà Đại đoàn kết", "An sinh xã hội"],
        "photos": [
            (
                "meeting",
                "HỘI NGHỊ PHẢN BIỆN XÃ HỘI",
                "Quang cảnh hội nghị phản biện xã hội dự thảo Nghị quyết hỗ trợ nhà ở.",
                "Hội trường với băng rôn đỏ, đoàn chủ tịch ngồi sau bàn phủ khăn xanh, đại biểu ngồi kín các hàng ghế.",
            ),
            (
                "house",
                "Hộ nghèo cần hỗ trợ nhà ở",
                "Một căn nhà được hỗ trợ xây mới trong giai đoạn trước.",
                "Căn nhà mái đỏ có bảng Nhà Đại đoàn kết, gia đình năm người đứng trước sân.",
            ),
        ],
        "feedback": [
            (
                "Trần Văn Hòa",
                "Nên hỗ trợ cả sửa chữa nhà xuống cấp",
                "Nhà tôi ở ấp Tân Qui bị lún, chưa đến mức phải xây mới nhưng không đủ tiền sửa. Đề nghị Nghị quyết có mức hỗ trợ sửa chữa riêng.",
                "published",
                "Cảm ơn ông đã góp ý. Dự thảo đã có mức hỗ trợ sửa chữa 30 triệu đồng (Điều 4, khoản 2); ý kiến của ông được tổng hợp vào văn bản phản biện để đề nghị nâng mức này.",
            ),
            (
                "Thạch Thị Sa Rinh",
                "Ưu tiên vùng sạt lở",
                "Đề nghị ưu tiên các hộ ở ven sông Cổ Chiên đang bị sạt lở.",
                "published",
                "",
            ),
            ("Lê Minh", "Thủ tục", "Hồ sơ nên đơn giản, cho nộp qua điện thoại.", "pending", ""),
        ],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Nguyễn Thanh Tâm",
        "days": 4,
        "title": "Giám sát việc thực hiện chính sách bảo hiểm y tế cho người cao tuổi",
        "summary": "Đoàn giám sát của Ủy ban MTTQ Việt Nam tỉnh làm việc với Bảo hiểm xã hội tỉnh và một số trạm y tế xã về việc cấp thẻ, khám chữa bệnh bảo hiểm y tế cho người từ đủ 75 tuổi.",
        "body": """## Kết quả bước đầu
Qua giám sát, đa số người cao tuổi thuộc diện được cấp thẻ bảo hiểm y tế đúng hạn. Tuy nhiên, đoàn phát hiện còn hơn 300 trường hợp chưa được cấp thẻ do sai lệch thông tin cư trú sau khi sắp xếp đơn vị hành chính cấp xã.

## Kiến nghị
Đoàn giám sát kiến nghị Bảo hiểm xã hội tỉnh phối hợp Công an tỉnh đối chiếu dữ liệu dân cư, hoàn thành cấp thẻ trước ngày 31/12/{year}; kiến nghị Sở Y tế bảo đảm đủ thuốc thiết yếu tại trạm y tế xã.

Các kiến nghị sau giám sát và thời hạn trả lời được công khai để Nhân dân cùng theo dõi.""",
        "tags": ["Giám sát", "An sinh xã hội"],
        "photos": [
            (
                "reception",
                "ĐOÀN GIÁM SÁT LÀM VIỆC TẠI TRẠM Y TẾ",
                "Đoàn giám sát làm việc tại trạm y tế xã.",
                "Ba cán bộ ngồi sau bàn làm việc, người dân đội nón lá đứng chờ phía trước.",
            ),
        ],
        "feedback": [
            (
                "Nguyễn Thị Lan",
                "Mẹ tôi chưa có thẻ",
                "Mẹ tôi 78 tuổi ở phường Trà Vinh, đã hỏi hai lần nhưng chưa được cấp thẻ bảo hiểm y tế. Xin hướng dẫn.",
                "published",
                "Ban Thường trực đã chuyển trường hợp của bà đến Bảo hiểm xã hội tỉnh. Bà vui lòng mang căn cước của mẹ đến Bộ phận một cửa phường để được cập nhật thông tin; thẻ sẽ được cấp trong 5 ngày làm việc.",
            ),
        ],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Thạch Sô Phi",
        "days": 6,
        "title": "Bàn giao 50 căn Nhà Đại đoàn kết cho hộ nghèo đồng bào Khmer",
        "summary": "Từ nguồn Quỹ “Vì người nghèo” các cấp, 50 căn Nhà Đại đoàn kết đã được bàn giao cho hộ nghèo đồng bào dân tộc Khmer tại các xã phía nam tỉnh, mỗi căn được hỗ trợ 60 triệu đồng.",
        "body": """## Niềm vui nhà mới
Gia đình ông Kim Sóc ở ấp Sóc Chà nhận căn nhà mới sau nhiều năm sống trong căn nhà lá dột nát. “Có nhà vững chắc, các cháu yên tâm đi học”, ông xúc động nói.

## Huy động sức dân
Ngoài tiền hỗ trợ, bà con lối xóm, các chùa Khmer và Ban Công tác Mặt trận ấp đã góp hàng trăm ngày công. Việc xây dựng được người dân giám sát, công khai danh sách hộ nhận hỗ trợ tại nhà văn hóa ấp.

## Kế hoạch năm {next_year}
Ủy ban MTTQ tỉnh phấn đấu xóa nhà tạm, nhà dột nát cho các hộ còn lại trong năm {next_year}.""",
        "tags": ["Nhà Đại đoàn kết", "Đồng bào Khmer", "Đại đoàn kết"],
        "photos": [
            (
                "house",
                "Bàn giao Nhà Đại đoàn kết",
                "Gia đình ông Kim Sóc trước căn Nhà Đại đoàn kết vừa được bàn giao.",
                "Căn nhà mái đỏ tường vàng nhạt, bảng Nhà Đại đoàn kết trên mái hiên, năm người đứng trước nhà.",
            ),
        ],
        "feedback": [
            (
                "Sơn Thị Mai",
                "Cảm ơn Mặt trận",
                "Cảm ơn Mặt trận và bà con đã giúp gia đình tôi có nhà mới.",
                "published",
                "",
            ),
        ],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Lê Hoàng Phúc",
        "days": 8,
        "title": "Ban Thanh tra nhân dân phát hiện sai sót trong thi công đường giao thông nông thôn",
        "summary": "Qua giám sát thường xuyên, Ban Thanh tra nhân dân xã đã phát hiện mặt đường bê tông tuyến liên ấp thi công mỏng hơn thiết kế và kiến nghị đơn vị thi công khắc phục.",
        "body": """## Phát hiện từ người dân
Người dân phản ánh mặt đường mới làm đã nứt. Ban Thanh tra nhân dân cùng Ban Giám sát đầu tư của cộng đồng kiểm tra, đo độ dày tại 12 điểm, có 5 điểm mỏng hơn thiết kế từ 2 đến 3 cm.

## Khắc phục kịp thời
Sau kiến nghị, chủ đầu tư yêu cầu đơn vị thi công làm lại đoạn đường dài 180 mét bằng kinh phí của nhà thầu. Việc giám sát của cộng đồng giúp công trình bảo đảm chất lượng, tránh lãng phí.""",
        "tags": ["Giám sát", "Ban Thanh tra nhân dân", "Nông thôn mới"],
        "photos": [
            (
                "road",
                "Giám sát cộng đồng",
                "Thành viên Ban Thanh tra nhân dân đo độ dày mặt đường.",
                "Ba người đứng trên con đường bê tông giữa hai hàng cây, kéo thước dây đo mặt đường.",
            ),
        ],
        "feedback": [
            (
                "Phạm Văn Út",
                "Đường ấp tôi cũng vậy",
                "Đường ấp Bến Có cũng nứt sau 3 tháng, đề nghị Ban Thanh tra nhân dân kiểm tra.",
                "published",
                "Ban Thanh tra nhân dân xã đã ghi nhận và sẽ kiểm tra tuyến đường ấp Bến Có trong tuần tới; kết quả sẽ được thông báo tại nhà văn hóa ấp.",
            ),
            ("Khách", "quảng cáo", "Mua bán đất nền giá rẻ, liên hệ ...", "rejected", ""),
        ],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Minh Thư",
        "days": 10,
        "title": "Lấy ý kiến Nhân dân về vị trí khu xử lý chất thải rắn tập trung",
        "summary": "Mặt trận các xã có vị trí dự kiến xây dựng khu xử lý chất thải rắn tổ chức hội nghị lấy ý kiến Nhân dân, ghi nhận nhiều băn khoăn về khoảng cách an toàn và xử lý nước rỉ rác.",
        "body": """## Người dân quan tâm môi trường
Các hộ dân gần vị trí dự kiến đề nghị chủ đầu tư công bố đánh giá tác động môi trường, cam kết khoảng cách an toàn tối thiểu đến khu dân cư và trường học.

## Mặt trận sẽ giám sát
Ủy ban MTTQ tỉnh đã tổng hợp 146 ý kiến gửi Sở Nông nghiệp và Môi trường; đồng thời đưa nội dung này vào chương trình giám sát năm {next_year}.""",
        "tags": ["Ý kiến Nhân dân", "Môi trường"],
        "photos": [
            (
                "field",
                "Khu đất dự kiến",
                "Khu đất dự kiến xây dựng khu xử lý chất thải rắn.",
                "Cánh đồng lúa xanh, hàng dừa phía xa, bốn người đội nón lá đứng giữa ruộng.",
            ),
        ],
        "feedback": [
            (
                "Võ Thị Hồng",
                "Phản đối vị trí gần trường học",
                "Vị trí này chỉ cách trường tiểu học khoảng 800 mét, đề nghị xem xét lại.",
                "published",
                "",
            ),
            (
                "Huỳnh Tấn Lộc",
                "Cần công khai báo cáo",
                "Xin công khai báo cáo đánh giá tác động môi trường trên mạng để người dân đọc.",
                "pending",
                "",
            ),
        ],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Nguyễn Thanh Tâm",
        "days": 12,
        "title": "Tổ hòa giải ở cơ sở: hòa giải thành hơn 90% vụ việc trong năm",
        "summary": "Các tổ hòa giải ở ấp, khóm đã hòa giải thành phần lớn mâu thuẫn, tranh chấp nhỏ trong cộng đồng, góp phần giữ gìn tình làng nghĩa xóm.",
        "body": """## Hòa giải bằng cái tình
Ông Nguyễn Văn Sáu, tổ trưởng tổ hòa giải khóm 3, cho biết phần lớn vụ việc là tranh chấp ranh đất, lối đi chung và mâu thuẫn gia đình. “Hòa giải phải kiên trì, hiểu hoàn cảnh từng nhà”, ông chia sẻ.

## Bồi dưỡng kỹ năng
Ủy ban MTTQ tỉnh phối hợp Sở Tư pháp mở lớp bồi dưỡng kỹ năng hòa giải cho hơn 600 hòa giải viên, trong đó có nhiều người có uy tín trong đồng bào dân tộc và tôn giáo.""",
        "tags": ["Hòa giải ở cơ sở", "Đại đoàn kết"],
        "photos": [
            (
                "meeting",
                "TẬP HUẤN KỸ NĂNG HÒA GIẢI Ở CƠ SỞ",
                "Lớp bồi dưỡng kỹ năng hòa giải ở cơ sở.",
                "Hội trường tập huấn với băng rôn đỏ, giảng viên ngồi trên bục, học viên ngồi nghe.",
            ),
        ],
        "feedback": [],
    },
    {
        "unit": "HPN-86",
        "byline": "Trương Ngọc Hân",
        "days": 14,
        "title": "Phụ nữ Vĩnh Long nhân rộng mô hình “Tổ tiết kiệm tròn vòng”",
        "summary": "Hội Liên hiệp Phụ nữ tỉnh đã thành lập thêm 45 tổ tiết kiệm, giúp hội viên nghèo có vốn chăn nuôi, buôn bán nhỏ mà không phải vay nặng lãi.",
        "body": """## Góp nhỏ thành lớn
Mỗi tháng, các chị góp từ 200 đến 500 nghìn đồng; lần lượt từng người nhận tiền góp để đầu tư sản xuất. Nhiều chị đã mở được sạp hàng ở chợ xã.

## Tránh tín dụng đen
Mô hình giúp hội viên tránh vay nặng lãi qua mạng. Hội cũng phối hợp Ngân hàng Chính sách xã hội cho vay ưu đãi với hộ có phương án làm ăn hiệu quả.""",
        "tags": ["An sinh xã hội", "Phụ nữ"],
        "photos": [
            (
                "market",
                "Sạp hàng của hội viên",
                "Sạp trái cây của một hội viên nhận vốn từ tổ tiết kiệm.",
                "Dãy sạp hàng mái nhiều màu bày trái cây, người mua bán đứng trước sạp.",
            ),
        ],
        "feedback": [
            (
                "Đặng Thị Thu",
                "Muốn tham gia",
                "Tôi ở xã Hòa Minh, muốn tham gia tổ tiết kiệm thì liên hệ ai?",
                "published",
                "Chị liên hệ Chi hội Phụ nữ ấp hoặc Hội Liên hiệp Phụ nữ xã Hòa Minh vào giờ hành chính để được hướng dẫn.",
            ),
        ],
    },
    {
        "unit": "HND-86",
        "byline": "Lâm Văn Bé",
        "days": 16,
        "title": "Hội Nông dân giám sát chất lượng phân bón, giống lúa vụ Đông Xuân",
        "summary": "Trước vụ Đông Xuân {season}, Hội Nông dân tỉnh phối hợp cơ quan chuyên môn kiểm tra các đại lý vật tư nông nghiệp, lấy mẫu phân bón và giống lúa để kiểm nghiệm.",
        "body": """## Kiểm tra 30 đại lý
Đoàn đã kiểm tra 30 đại lý, phát hiện 2 đại lý bán phân bón không rõ nguồn gốc và chuyển cơ quan chức năng xử lý.

## Khuyến cáo nông dân
Hội khuyến cáo bà con mua vật tư ở đại lý có giấy phép, giữ hóa đơn, và báo ngay cho chi hội khi phát hiện hàng giả qua mục phản ánh trên Ý Kiến.""",
        "tags": ["Giám sát", "Nông nghiệp"],
        "photos": [
            (
                "field",
                "Vụ Đông Xuân {season}",
                "Nông dân chuẩn bị xuống giống vụ Đông Xuân.",
                "Ruộng lúa non xanh mướt, hàng dừa ở chân trời, nông dân đội nón lá.",
            ),
            (
                "market",
                "Đại lý vật tư nông nghiệp",
                "Đoàn giám sát kiểm tra một đại lý vật tư nông nghiệp.",
                "Dãy sạp hàng có mái che nhiều màu, người đứng trước quầy.",
            ),
        ],
        "feedback": [],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Lê Hoàng Phúc",
        "days": 18,
        "title": "Đối thoại giữa người đứng đầu chính quyền tỉnh với Nhân dân",
        "summary": "Ủy ban MTTQ tỉnh phối hợp Ủy ban nhân dân tỉnh tổ chức hội nghị đối thoại với Nhân dân về thủ tục đất đai và chuyển đổi số trong giải quyết thủ tục hành chính.",
        "body": """## 37 ý kiến được nêu
Người dân phản ánh về thời gian cấp giấy chứng nhận quyền sử dụng đất, việc nộp hồ sơ trực tuyến còn khó với người lớn tuổi.

## Cam kết và thời hạn
Lãnh đạo Ủy ban nhân dân tỉnh trả lời trực tiếp 25 ý kiến; các ý kiến còn lại được giao sở, ngành trả lời bằng văn bản. Mặt trận sẽ theo dõi và công khai việc trả lời.""",
        "tags": ["Ý kiến Nhân dân", "Chuyển đổi số"],
        "photos": [
            (
                "meeting",
                "HỘI NGHỊ ĐỐI THOẠI VỚI NHÂN DÂN",
                "Hội nghị đối thoại giữa lãnh đạo tỉnh với Nhân dân.",
                "Hội trường đông người, băng rôn đỏ chữ vàng phía trên bàn chủ tọa.",
            ),
        ],
        "feedback": [
            (
                "Trịnh Văn Nam",
                "Thủ tục đất đai",
                "Hồ sơ cấp đổi sổ của tôi nộp từ tháng 6 chưa có kết quả.",
                "pending",
                "",
            ),
        ],
    },
    {
        "unit": "MTTQ-84",
        "byline": "Kim Sa Rinh",
        "on": dt.date(2025, 5, 15),
        "title": "Mặt trận tỉnh Trà Vinh tổng kết 5 năm giám sát đầu tư của cộng đồng",
        "summary": "Giai đoạn 2020–2025, các Ban Giám sát đầu tư của cộng đồng trong tỉnh Trà Vinh đã giám sát hơn 1.200 công trình, kiến nghị khắc phục nhiều sai sót.",
        "body": """## Giám sát từ cơ sở
Các ban giám sát tập trung vào công trình giao thông nông thôn, trường học, nhà văn hóa ấp. Nhiều kiến nghị đã được chủ đầu tư tiếp thu, khắc phục.

## Bài học kinh nghiệm
Hội nghị nhận định cần bồi dưỡng kiến thức kỹ thuật cho thành viên ban giám sát và công khai dự toán công trình tại nơi thi công để người dân cùng theo dõi.""",
        "tags": ["Giám sát", "Ban Giám sát đầu tư của cộng đồng"],
        "photos": [
            (
                "chart",
                "Công trình được giám sát 2020–2025",
                "Số công trình được giám sát qua các năm (số liệu minh họa).",
                "Biểu đồ cột sáu năm, cột cuối màu đỏ cao nhất.",
            ),
        ],
        "feedback": [],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Minh Thư",
        "on": dt.date(2025, 7, 1),
        "title": "Ra mắt Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long sau hợp nhất",
        "summary": "Từ ngày 1/7/2025, Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long mới được hình thành trên cơ sở hợp nhất Mặt trận ba tỉnh Vĩnh Long, Bến Tre và Trà Vinh, cùng các tổ chức chính trị - xã hội.",
        "body": """## Tổ chức mới, nhiệm vụ mới
Ủy ban MTTQ tỉnh mới tiếp nhận toàn bộ hồ sơ, nhiệm vụ của Mặt trận ba tỉnh, bảo đảm các kiến nghị, phản ánh của người dân đang giải quyết không bị gián đoạn.

## Liên thông hồ sơ
Các kiến nghị sau giám sát, đơn thư đang theo dõi của Mặt trận các tỉnh cũ được chuyển sang đơn vị mới, người dân vẫn tra cứu bằng mã cũ.""",
        "tags": ["Sáp nhập", "Đại đoàn kết"],
        "photos": [
            (
                "meeting",
                "RA MẮT ỦY BAN MTTQ VIỆT NAM TỈNH VĨNH LONG",
                "Lễ ra mắt Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long.",
                "Sân khấu có băng rôn đỏ, đại biểu ngồi thành nhiều hàng trong hội trường.",
            ),
        ],
        "feedback": [],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Nguyễn Thanh Tâm",
        "days": 20,
        "title": "Người dân gửi phản ánh, góp ý dự thảo qua điện thoại với nền tảng Ý Kiến",
        "summary": "Mặt trận tỉnh đưa vào sử dụng nền tảng Ý Kiến: người dân góp ý từng điều của dự thảo, gửi phản ánh và tra cứu kết quả bằng mã, không cần đến trụ sở.",
        "body": """## Đơn giản, minh bạch
Mỗi phản ánh được cấp một mã tra cứu; người dân theo dõi từng bước giải quyết và thời hạn theo luật. Các bài viết có bản nghe đọc tự động cho người lớn tuổi, người khiếm thị.

## Hỗ trợ người chưa quen công nghệ
Cán bộ Mặt trận ấp, đoàn viên thanh niên hướng dẫn người dân sử dụng tại nhà văn hóa; người dân vẫn có thể gửi đơn trực tiếp tại buổi tiếp công dân.""",
        "tags": ["Chuyển đổi số", "Ý kiến Nhân dân"],
        "photos": [
            (
                "reception",
                "HƯỚNG DẪN NGƯỜI DÂN SỬ DỤNG Ý KIẾN",
                "Đoàn viên thanh niên hướng dẫn người dân gửi phản ánh qua điện thoại.",
                "Ba cán bộ ngồi với máy tính, người dân đứng trước bàn, bên phải là điện thoại hiển thị biểu mẫu.",
            ),
        ],
        "feedback": [
            (
                "Ngô Bảo Châu",
                "Rất tiện",
                "Tôi đã gửi góp ý dự thảo qua điện thoại, rất tiện. Mong có thêm hướng dẫn bằng video.",
                "published",
                "Cảm ơn bạn. Mặt trận tỉnh sẽ đăng video hướng dẫn trong tháng 12.",
            ),
        ],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Lê Hoàng Phúc",
        "days": 22,
        "title": "Giám sát bồi thường, hỗ trợ tái định cư dự án mở rộng Quốc lộ 53",
        "summary": "Đoàn giám sát ghi nhận việc chi trả bồi thường cơ bản đúng quy định, nhưng còn chậm bàn giao nền tái định cư cho 42 hộ.",
        "body": """## Tiếng nói của hộ dân
Các hộ bị ảnh hưởng đề nghị công khai bảng giá bồi thường từng thửa đất và sớm bàn giao nền tái định cư có đủ điện, nước.

## Kiến nghị sau giám sát
Đoàn kiến nghị Ủy ban nhân dân tỉnh chỉ đạo hoàn thành hạ tầng khu tái định cư trước ngày 30/3/{next_year} và tổ chức đối thoại với các hộ chưa đồng thuận.""",
        "tags": ["Giám sát", "Đất đai"],
        "photos": [
            (
                "road",
                "Quốc lộ 53",
                "Đoạn Quốc lộ 53 đang được mở rộng.",
                "Con đường lớn giữa hai hàng cây, đoàn giám sát đứng bên lề.",
            ),
        ],
        "feedback": [
            (
                "Lý Văn Tư",
                "Nền tái định cư",
                "Gia đình tôi đã bàn giao mặt bằng 8 tháng nhưng chưa nhận nền tái định cư.",
                "published",
                "",
            ),
        ],
    },
    {
        "unit": "DTN-86",
        "byline": "Phan Nhật Nam",
        "days": 24,
        "title": "Đoàn viên thanh niên ra quân làm sạch kênh rạch",
        "summary": "Hơn 2.000 đoàn viên, thanh niên tham gia vớt rác, khơi thông dòng chảy trên các tuyến kênh trong ngày “Chủ nhật xanh”.",
        "body": """## Sông sạch, xóm đẹp
Các đội hình thanh niên tình nguyện dùng xuồng vớt lục bình và rác thải nhựa trên kênh, đồng thời tuyên truyền người dân không xả rác xuống sông.

## Duy trì thường xuyên
Tỉnh Đoàn phát động mỗi chi đoàn nhận chăm sóc một đoạn kênh, cập nhật kết quả hằng tháng.""",
        "tags": ["Môi trường", "Thanh niên"],
        "photos": [
            (
                "river",
                "Chủ nhật xanh trên kênh",
                "Đoàn viên vớt rác trên kênh bằng xuồng.",
                "Ba chiếc xuồng trên mặt nước, mỗi xuồng có hai thanh niên áo xanh.",
            ),
        ],
        "feedback": [],
    },
    {
        "unit": "CCB-86",
        "byline": "Đỗ Văn Hùng",
        "days": 26,
        "title": "Cựu chiến binh tham gia hoà giải tranh chấp đất đai ở ấp",
        "summary": "Nhiều hội viên Cựu chiến binh là thành viên tổ hoà giải, góp phần giải quyết các tranh chấp ranh đất ngay từ cơ sở, hạn chế khiếu kiện vượt cấp.",
        "body": """## Uy tín của người lính
Với uy tín và kinh nghiệm, các cựu chiến binh kiên trì gặp từng bên, phân tích lý lẽ, giúp các gia đình hoà thuận trở lại.

## Kết quả
Trong năm, hội viên Cựu chiến binh tham gia hoà giải thành 58 vụ việc tranh chấp đất đai, lối đi chung ở các ấp.""",
        "tags": ["Hòa giải ở cơ sở", "Cựu chiến binh"],
        "photos": [
            (
                "house",
                "Hoà giải thành",
                "Hai gia đình hoà giải thành công tranh chấp lối đi chung.",
                "Căn nhà mái đỏ, nhiều người đứng trước sân trò chuyện.",
            ),
        ],
        "feedback": [],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Minh Thư",
        "days": 28,
        "title": "Phản biện dự thảo quy định mức thu học phí năm học mới",
        "summary": "Các chuyên gia giáo dục, đại diện phụ huynh đề nghị giữ ổn định mức thu học phí, miễn giảm cho học sinh vùng khó khăn.",
        "body": """## Giữ ổn định cho phụ huynh
Nhiều ý kiến cho rằng thu nhập người dân vùng nông thôn còn khó khăn sau thiên tai, đề nghị chưa tăng học phí năm học {school_year}.

## Miễn giảm đúng đối tượng
Đại biểu đề nghị mở rộng đối tượng miễn giảm cho học sinh con hộ cận nghèo, học sinh vùng đồng bào dân tộc thiểu số.""",
        "tags": ["Phản biện xã hội", "Giáo dục"],
        "photos": [
            (
                "meeting",
                "PHẢN BIỆN DỰ THẢO QUY ĐỊNH HỌC PHÍ",
                "Hội nghị phản biện dự thảo quy định mức thu học phí.",
                "Hội trường có băng rôn đỏ, đoàn chủ tọa và đại biểu.",
            ),
        ],
        "feedback": [
            (
                "Phụ huynh Bùi Thị Ngọc",
                "Đồng ý giữ ổn định",
                "Tôi đồng ý giữ ổn định học phí, gia đình có ba con đi học.",
                "published",
                "",
            ),
        ],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Nguyễn Thanh Tâm",
        "days": 30,
        "title": "Quỹ “Vì người nghèo” tỉnh tiếp nhận hơn 12 tỷ đồng",
        "summary": "Trong đợt cao điểm “Vì người nghèo”, Ủy ban MTTQ tỉnh đã tiếp nhận hơn 12 tỷ đồng từ doanh nghiệp, nhà hảo tâm và cán bộ, công chức.",
        "body": """## Công khai từng khoản
Danh sách ủng hộ và việc sử dụng Quỹ được công khai trên Ý Kiến và tại trụ sở Mặt trận các cấp để Nhân dân giám sát.

## Dùng đúng mục đích
Quỹ ưu tiên xây nhà, hỗ trợ sinh kế, học bổng cho học sinh nghèo và hỗ trợ người dân bị ảnh hưởng thiên tai.""",
        "tags": ["An sinh xã hội", "Đại đoàn kết"],
        "photos": [
            (
                "chart",
                "Quỹ Vì người nghèo qua các năm",
                "Số tiền Quỹ tiếp nhận qua các năm (tỷ đồng, số liệu minh họa).",
                "Biểu đồ cột, cột năm nay màu đỏ.",
            ),
        ],
        "feedback": [],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Lê Hoàng Phúc",
        "days": 32,
        "title": "Giám sát an toàn thực phẩm bếp ăn bán trú trường học",
        "summary": "Mặt trận phối hợp Hội Liên hiệp Phụ nữ giám sát bếp ăn bán trú tại 15 trường tiểu học, mầm non; kiến nghị công khai thực đơn và nguồn gốc thực phẩm.",
        "body": """## Những điều cần khắc phục
Một số bếp ăn chưa lưu mẫu thức ăn đủ 24 giờ, chưa có hợp đồng mua thực phẩm với nhà cung cấp rõ nguồn gốc.

## Phụ huynh cùng giám sát
Đoàn đề nghị mỗi trường mời đại diện phụ huynh tham gia kiểm tra bếp ăn định kỳ và niêm yết thực đơn hằng tuần.""",
        "tags": ["Giám sát", "Giáo dục"],
        "photos": [
            (
                "market",
                "Nguồn thực phẩm sạch",
                "Thực phẩm cho bếp ăn bán trú cần rõ nguồn gốc.",
                "Sạp rau củ quả với mái che nhiều màu.",
            ),
        ],
        "feedback": [
            (
                "Hà Thanh Xuân",
                "Nên công khai thực đơn trên mạng",
                "Đề nghị các trường đăng thực đơn lên trang của trường để phụ huynh tiện theo dõi.",
                "published",
                "Đoàn giám sát đã đưa đề nghị này vào kiến nghị gửi Sở Giáo dục và Đào tạo.",
            ),
        ],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Minh Thư",
        "days": 34,
        "title": "Tiếp xúc cử tri trước kỳ họp cuối năm của Hội đồng nhân dân tỉnh",
        "summary": "Cử tri các xã, phường kiến nghị về sạt lở bờ sông, nước sạch mùa khô và giá nông sản; các kiến nghị được tổng hợp gửi kỳ họp.",
        "body": """## Sạt lở và nước sạch
Cử tri ven sông Cổ Chiên đề nghị sớm xây kè chống sạt lở; cử tri vùng ven biển mong có nước sạch trong mùa khô hạn mặn.

## Theo dõi việc trả lời
Ủy ban MTTQ tỉnh sẽ theo dõi việc trả lời kiến nghị cử tri và thông tin kết quả trên Ý Kiến sau kỳ họp.""",
        "tags": ["Ý kiến Nhân dân", "Giám sát"],
        "photos": [
            (
                "river",
                "Sạt lở bờ sông",
                "Bờ sông nơi cử tri kiến nghị xây kè.",
                "Dòng sông rộng, bờ xanh phía xa, vài chiếc xuồng trên sông.",
            ),
        ],
        "feedback": [],
    },
    {
        "unit": "MTTQ-86",
        "byline": "Nguyễn Thanh Tâm",
        "days": -2,
        "title": "Lấy ý kiến Nhân dân dự thảo Nghị quyết hỗ trợ chuyển đổi số cấp xã",
        "summary": "Từ ngày {date}, dự thảo Nghị quyết về hỗ trợ chuyển đổi số cấp xã được đăng trên Ý Kiến để người dân góp ý từng điều.",
        "body": """## Góp ý từng điều
Người dân có thể đọc và góp ý vào từng điều, khoản của dự thảo; các góp ý được Mặt trận tổng hợp, phân loại để phản biện.

## Thời hạn góp ý
Thời hạn góp ý được ghi trên trang dự thảo; sau thời hạn, kết quả tiếp thu, giải trình sẽ được công khai.""",
        "tags": ["Phản biện xã hội", "Chuyển đổi số"],
        "photos": [
            (
                "reception",
                "GÓP Ý DỰ THẢO TRÊN Ý KIẾN",
                "Người dân góp ý dự thảo qua điện thoại.",
                "Cán bộ ngồi sau bàn, người dân đứng trước, bên phải là điện thoại hiển thị biểu mẫu.",
            ),
        ],
        "feedback": [],
    },
]
