from django.urls import path

from ykien.portal import feeds, views, views_moderation

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("tin-tuc/", views.article_list, name="article_list"),
    path("tin-tuc/rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("tin-tuc/atom/", feeds.LatestArticlesAtom(), name="feed_atom"),
    path("tin-tuc/y-kien/<str:token>/", views.feedback_follow, name="feedback_follow"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article"),
    path("tin-tuc/<slug:slug>/gop-y/", views.feedback_submit, name="feedback_submit"),
    path("nghe/<str:key>/", views.audio, name="audio"),
    path("tim-kiem/", views.search, name="search"),
    path("tra-cuu-phan-anh/", views.petition_lookup, name="petition_lookup"),
    path("can-bo/tin-tuc/", views.manage_list, name="manage_list"),
    path("can-bo/tin-tuc/xuat.csv", views.manage_export, name="manage_export"),
    path(
        "can-bo/tin-tuc/xuat.xlsx", views.manage_export, {"fmt": "xlsx"}, name="manage_export_xlsx"
    ),
    path("can-bo/tin-tuc/moi/", views.manage_create, name="manage_create"),
    path("can-bo/tin-tuc/<int:pk>/", views.manage_edit, name="manage_edit"),
    path("can-bo/tin-tuc/<int:pk>/xem-truoc/", views.manage_preview, name="manage_preview"),
    path("can-bo/tin-tuc/<int:pk>/anh/", views.manage_photo_add, name="manage_photo_add"),
    path("can-bo/tin-tuc/anh/<int:pk>/xoa/", views.manage_photo_remove, name="manage_photo_remove"),
    path("can-bo/tin-tuc/<int:pk>/trang-thai/", views.manage_transition, name="manage_transition"),
    path("can-bo/y-kien-ban-doc/", views_moderation.moderation, name="moderation"),
    path(
        "can-bo/y-kien-ban-doc/xuat.csv",
        views_moderation.moderation_export,
        name="moderation_export",
    ),
    path(
        "can-bo/y-kien-ban-doc/xuat.xlsx",
        views_moderation.moderation_export,
        {"fmt": "xlsx"},
        name="moderation_export_xlsx",
    ),
    path(
        "can-bo/y-kien-ban-doc/hang-loat/",
        views_moderation.moderation_bulk,
        name="moderation_bulk",
    ),
    path("can-bo/y-kien-ban-doc/<int:pk>/", views.moderate, name="moderate"),
]
