from django.urls import path

from ykien.consultations import feeds, pickers
from ykien.consultations.views import (
    analysis,
    critique,
    fate,
    lists,
    moderation,
    public,
    respondent,
    staff,
)

app_name = "consultations"

urlpatterns = [
    # Public
    path("du-thao/", public.draft_list, name="drafts"),
    path("du-thao/<int:pk>/", public.draft_detail, name="draft"),
    path("du-thao/<int:pk>/nguon-tin.atom", feeds.DraftFeed(), name="draft_feed"),
    path("du-thao/<int:pk>/dieu-khoan/<int:node_id>/", public.node_detail, name="node"),
    path("du-thao/<int:pk>/y-kien-chung/", public.general_comments, name="general"),
    path(
        "du-thao/<int:pk>/gop-y/<int:comment_id>/bao-cao/",
        public.comment_report,
        name="comment_report",
    ),
    path("du-thao/<int:pk>/gop-y/<int:comment_id>/", fate.comment_fate, name="comment_fate"),
    path("du-thao/<int:pk>/ban-da-noi/", fate.you_said, name="you_said"),
    path("du-thao/<int:pk>/bieu-quyet/", public.vote, name="vote"),
    path("du-thao/<int:pk>/nhan-dinh/", public.statement_propose, name="statement_propose"),
    path("du-thao/<int:pk>/thong-ke/", public.draft_stats, name="stats"),
    path("du-thao/<int:pk>/so-sanh/<int:old>/<int:new>/", public.version_compare, name="compare"),
    path("du-thao/<int:pk>/phien-ban/<int:number>/tep/", public.version_file, name="version_file"),
    path(
        "du-thao/<int:pk>/gop-y.<str:fmt>",
        public.export_comments,
        name="export",
    ),
    path(
        "du-thao/<int:pk>/van-ban-phan-bien.<str:fmt>",
        public.document_file,
        name="document_file",
    ),
    path("y-kien-chuyen-gia/<str:token>/", public.expert_link, name="expert_link"),
    path("tai-khoan/khoa-api/", public.api_tokens, name="api_tokens"),
    # Officers and leaders of the receiving front committee
    path("can-bo/du-thao/", lists.staff_list, name="staff_list"),
    path("can-bo/du-thao/xuat.csv", lists.staff_export, name="staff_export"),
    path("can-bo/du-thao/xuat.xlsx", lists.staff_export, {"fmt": "xlsx"}, name="staff_export_xlsx"),
    path("can-bo/du-thao/moi/", staff.draft_register, name="register"),
    path("can-bo/du-thao/<int:pk>/", staff.staff_draft, name="staff_draft"),
    path("can-bo/du-thao/<int:pk>/sua/", staff.draft_edit, name="edit"),
    path("can-bo/du-thao/<int:pk>/chuyen-trang-thai/", staff.draft_transition, name="transition"),
    path("can-bo/du-thao/<int:pk>/phien-ban/moi/", staff.version_upload, name="upload"),
    path("can-bo/du-thao/<int:pk>/phien-ban/<int:number>/", staff.review, name="review"),
    path("can-bo/du-thao/<int:pk>/gop-y/", moderation.moderation, name="moderation"),
    path(
        "can-bo/du-thao/<int:pk>/gop-y/xuat.csv",
        moderation.moderation_export,
        name="moderation_export",
    ),
    path(
        "can-bo/du-thao/<int:pk>/gop-y/xuat.xlsx",
        moderation.moderation_export,
        {"fmt": "xlsx"},
        name="moderation_export_xlsx",
    ),
    path(
        "can-bo/du-thao/<int:pk>/gop-y/hang-loat/",
        moderation.comments_bulk,
        name="moderation_bulk",
    ),
    path(
        "can-bo/du-thao/<int:pk>/nhan-dinh/hang-loat/",
        moderation.statements_bulk,
        name="statements_bulk",
    ),
    path(
        "can-bo/du-thao/<int:pk>/gop-y/<int:comment_id>/",
        critique.moderate_comment,
        name="moderate_comment",
    ),
    path(
        "can-bo/du-thao/<int:pk>/nhan-dinh/<int:statement_id>/",
        critique.moderate_statement,
        name="moderate_statement",
    ),
    path("can-bo/du-thao/<int:pk>/chuyen-gia/", critique.experts, name="experts"),
    path("can-bo/du-thao/<int:pk>/hoi-nghi/", critique.conference, name="conference"),
    path(
        "can-bo/du-thao/<int:pk>/hoi-nghi/<int:conference_id>/",
        critique.conference,
        name="conference_edit",
    ),
    path(
        "can-bo/du-thao/<int:pk>/tai-lieu/<int:attachment_id>/",
        critique.conference_attachment,
        name="attachment",
    ),
    path("can-bo/du-thao/<int:pk>/diem-phan-bien/", critique.points, name="points"),
    path("can-bo/du-thao/<int:pk>/goi-y/gop-y/", pickers.suggest, name="suggest_comments"),
    path(
        "can-bo/du-thao/<int:pk>/diem-phan-bien/<int:point_id>/", critique.points, name="point_edit"
    ),
    path("can-bo/du-thao/<int:pk>/van-ban/", critique.document, name="document"),
    # The analyses of a draft's comments and votes
    path("can-bo/phan-tich/du-thao/<int:pk>/", analysis.screen, name="analysis"),
    path(
        "can-bo/phan-tich/du-thao/<int:pk>/trang-thai/",
        analysis.status,
        name="analysis_status",
    ),
    path(
        "can-bo/phan-tich/du-thao/<int:pk>/lan-chay/<int:run_id>/chu-de/<int:topic>/diem/",
        analysis.topic_point,
        name="analysis_topic_point",
    ),
    # Respondents of the drafting body
    path("tra-loi/phan-bien/", lists.respondent_list, name="respondent_list"),
    path("tra-loi/phan-bien/xuat.csv", lists.respondent_export, name="respondent_export"),
    path(
        "tra-loi/phan-bien/xuat.xlsx",
        lists.respondent_export,
        {"fmt": "xlsx"},
        name="respondent_export_xlsx",
    ),
    path("tra-loi/phan-bien/<int:pk>/", respondent.respondent_draft, name="respondent_draft"),
]
