from django.urls import path

from ykien.oversight import feeds, pickers
from ykien.oversight.views import feedback, files, lists, officer, public, respondent

app_name = "oversight"

urlpatterns = [
    # Public: the accountability board, open data, Regulation 124 feedback.
    path("giam-sat/", public.board, name="board"),
    path("giam-sat/ban-do/", public.board_map, name="board_map"),
    path("giam-sat/nguon-tin.atom", feeds.BoardFeed(), name="board_feed"),
    path("giam-sat/don-vi/<str:code>/nguon-tin.atom", feeds.UnitFeed(), name="unit_feed"),
    path("giam-sat/kien-nghi/<int:pk>/", public.recommendation_public, name="public_detail"),
    path(
        "giam-sat/du-lieu/kien-nghi.<str:fmt>",
        public.export_recommendations,
        name="export_recommendations",
    ),
    path("giam-sat/du-lieu/thong-ke.<str:fmt>", public.export_figures, name="export_figures"),
    path("giam-sat/van-ban-tra-loi/<int:pk>/", files.answer_document, name="answer_document"),
    path("giam-sat/phan-anh-can-bo/", feedback.submit, name="feedback_submit"),
    path("giam-sat/phan-anh-can-bo/tra-cuu/", feedback.lookup, name="feedback_lookup"),
    # Officers.
    path("can-bo/giam-sat/", officer.dashboard, name="dashboard"),
    path("can-bo/giam-sat/chuong-trinh/moi/", officer.programme_create, name="programme_create"),
    path(
        "can-bo/giam-sat/chuong-trinh/<int:pk>/", officer.programme_detail, name="programme_detail"
    ),
    path(
        "can-bo/giam-sat/chuong-trinh/<int:pk>/them/",
        officer.programme_item_add,
        name="programme_item_add",
    ),
    path(
        "can-bo/giam-sat/noi-dung-chuong-trinh/<int:pk>/",
        officer.programme_item_edit,
        name="programme_item_edit",
    ),
    path(
        "can-bo/giam-sat/noi-dung-chuong-trinh/<int:pk>/huy/",
        officer.programme_item_cancel,
        name="programme_item_cancel",
    ),
    path(
        "can-bo/giam-sat/chuong-trinh/<int:pk>/thong-nhat/",
        officer.programme_agree,
        name="programme_agree",
    ),
    path("can-bo/giam-sat/cuoc/moi/", officer.activity_create, name="activity_create"),
    path(
        "can-bo/giam-sat/cuoc/<int:pk>/goi-y-co-quan/",
        pickers.suggest_addressee,
        name="suggest_addressee",
    ),
    path("can-bo/giam-sat/cuoc/<int:pk>/", officer.activity_detail, name="activity_detail"),
    path(
        "can-bo/giam-sat/cuoc/<int:pk>/bao-cao.<str:fmt>",
        officer.activity_report_file,
        name="activity_report_file",
    ),
    path(
        "can-bo/giam-sat/cuoc/<int:pk>/<slug:action>/",
        officer.activity_action,
        name="activity_action",
    ),
    path("can-bo/giam-sat/tai-lieu/<int:pk>/", files.activity_document, name="activity_document"),
    path("can-bo/giam-sat/kien-nghi/", lists.recommendation_list, name="recommendation_list"),
    path(
        "can-bo/giam-sat/kien-nghi/danh-sach.<str:fmt>",
        lists.recommendation_export,
        name="recommendation_export",
    ),
    path(
        "can-bo/giam-sat/kien-nghi/nhac/", lists.recommendation_remind, name="recommendation_remind"
    ),
    path(
        "can-bo/giam-sat/kien-nghi/<int:pk>/",
        officer.recommendation_detail,
        name="recommendation_detail",
    ),
    path("can-bo/giam-sat/kien-nghi/<int:pk>/tra-loi/", respondent.answer, name="answer"),
    path(
        "can-bo/giam-sat/kien-nghi/<int:pk>/<slug:action>/",
        officer.recommendation_action,
        name="recommendation_action",
    ),
    path("can-bo/giam-sat/tra-loi/", respondent.respondent_list, name="respondent_list"),
    path(
        "can-bo/giam-sat/tra-loi/danh-sach.<str:fmt>",
        respondent.respondent_export,
        name="respondent_export",
    ),
    path("can-bo/giam-sat/ban/<str:code>/", officer.board_detail, name="board_detail"),
    path("can-bo/giam-sat/chuc-danh/", officer.positions, name="positions"),
    path(
        "can-bo/giam-sat/chuc-danh/danh-sach.<str:fmt>",
        officer.positions_export,
        name="positions_export",
    ),
    path("can-bo/giam-sat/bao-cao-ky/", officer.period_report, name="period_report"),
    path("can-bo/giam-sat/phan-anh-124/", lists.feedback_inbox, name="feedback_inbox"),
    path(
        "can-bo/giam-sat/phan-anh-124/danh-sach.<str:fmt>",
        lists.feedback_inbox_export,
        name="feedback_inbox_export",
    ),
    path("can-bo/giam-sat/phan-anh-124/<int:pk>/", feedback.detail, name="feedback_detail"),
]
