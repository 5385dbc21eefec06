from django.urls import path, re_path

from ykien.petitions import (
    open311,
    pickers,
    views,
    views_mine,
    views_published,
    views_staff,
    views_transferred,
)

app_name = "petitions"

FMT = r"(?P<fmt>json|xml)"

urlpatterns = [
    path("phan-anh/", views.home, name="home"),
    path("phan-anh/gui/", views.submit, name="submit"),
    path("phan-anh/da-gui/", views.sent, name="sent"),
    path("phan-anh/cong-khai/", views_published.published_list, name="published_list"),
    path("phan-anh/cong-khai/ban-do/", views_published.published_map, name="published_map"),
    path(
        "phan-anh/cong-khai/<int:pk>/",
        views_published.published_detail,
        name="published_detail",
    ),
    path("phan-anh/bien-nhan/<str:code>/", views.receipt_pdf, name="receipt"),
    path("phan-anh/tra-cuu/", views.lookup, name="lookup"),
    path("phan-anh/danh-gia/", views.rate, name="rate"),
    path("phan-anh/thong-ke/", views.statistics, name="statistics"),
    path("tai-khoan/cua-toi/gan-don/", views_mine.attach, name="attach"),
    path("phan-anh/thong-ke.csv", views.statistics_csv, name="statistics_csv"),
    path("can-bo/don-thu/", views_staff.staff_list, name="staff_list"),
    path("can-bo/don-thu/xuat.csv", views_staff.staff_export, name="staff_export"),
    path(
        "can-bo/don-thu/xuat.xlsx",
        views_staff.staff_export,
        {"fmt": "xlsx"},
        name="staff_export_xlsx",
    ),
    path("can-bo/don-thu/hang-loat/", views_staff.staff_bulk, name="staff_bulk"),
    path("can-bo/don-thu/han/", views.staff_due, name="staff_due"),
    path(
        "can-bo/don-thu/da-chuyen-ngoai/",
        views_transferred.staff_transferred,
        name="staff_transferred",
    ),
    path("can-bo/don-thu/goi-y/", pickers.suggest, name="suggest"),
    path("can-bo/don-thu/tiep-nhan/", views.staff_intake, name="staff_intake"),
    path("can-bo/don-thu/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("can-bo/don-thu/<int:pk>/danh-tinh/", views.staff_reveal, name="staff_reveal"),
    path(
        "can-bo/don-thu/<int:pk>/tep/<int:attachment_id>/",
        views.staff_attachment,
        name="staff_attachment",
    ),
    path("can-bo/don-thu/<int:pk>/<slug:action>/", views.staff_action, name="staff_action"),
    re_path(rf"^open311/v2/discovery\.{FMT}$", open311.discovery, name="open311_discovery"),
    re_path(rf"^open311/v2/services\.{FMT}$", open311.service_list, name="open311_services"),
    re_path(
        rf"^open311/v2/services/(?P<code>[\w-]+)\.{FMT}$",
        open311.service_definition,
        name="open311_service",
    ),
    re_path(rf"^open311/v2/requests\.{FMT}$", open311.requests, name="open311_requests"),
    re_path(
        rf"^open311/v2/requests/(?P<request_id>[\w-]+)\.{FMT}$",
        open311.request_detail,
        name="open311_request",
    ),
    re_path(r"^open311/v2/.*$", open311.not_found, name="open311_not_found"),
]
