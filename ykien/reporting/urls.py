from django.urls import path

from ykien.reporting import views, views_sheets

app_name = "reporting"

urlpatterns = [
    path("giao-ban/", views.index, name="index"),
    path("giao-ban/ky/<str:period>/", views.period_detail, name="period"),
    path("giao-ban/ky/<str:period>/danh-sach.<str:fmt>", views.period_export, name="period_export"),
    path("giao-ban/ky/<str:period>/duyet/", views.period_bulk_approve, name="period_bulk"),
    path("giao-ban/nhap/<str:code>/<str:period>/", views.entry, name="entry"),
    path("giao-ban/nhap/<str:code>/<str:period>/quyet-dinh/", views.decide, name="decide"),
    path(
        "giao-ban/nhap/<str:code>/<str:period>/tai-len/",
        views_sheets.upload_figures,
        name="upload",
    ),
    path(
        "giao-ban/nhap/<str:code>/<str:period>/tai-len/xac-nhan/",
        views_sheets.upload_confirm,
        name="upload_confirm",
    ),
    path(
        "giao-ban/nhap/<str:code>/<str:period>/mau.<str:fmt>",
        views_sheets.upload_template,
        name="upload_template",
    ),
    path("giao-ban/chi-tieu/<str:code>/<str:period>/", views_sheets.targets, name="targets"),
    path("giao-ban/du-lieu/so-lieu.<str:fmt>", views_sheets.open_data, name="open_data"),
    path("giao-ban/tong-hop/<str:code>/<str:period>/", views.dashboard, name="dashboard"),
    path(
        "giao-ban/tong-hop/<str:code>/<str:period>/bao-cao.<str:fmt>",
        views.download,
        name="download",
    ),
]
