from django.urls import path, re_path

from ykien.reception import views

app_name = "reception"

urlpatterns = [
    path("tiep-cong-dan/", views.schedule, name="schedule"),
    re_path(
        r"^tiep-cong-dan/lich\.(?P<fmt>csv|xlsx)$", views.schedule_export, name="schedule_export"
    ),
    path("tiep-cong-dan/buoi/<int:pk>/", views.session_public, name="session_public"),
    path("can-bo/tiep-cong-dan/", views.office, name="office"),
    path("can-bo/tiep-cong-dan/xuat.csv", views.office_export, name="office_export"),
    path(
        "can-bo/tiep-cong-dan/xuat.xlsx",
        views.office_export,
        {"fmt": "xlsx"},
        name="office_export_xlsx",
    ),
    path("can-bo/tiep-cong-dan/buoi/<int:pk>/", views.session, name="session"),
    path(
        "can-bo/tiep-cong-dan/buoi/<int:pk>/chuyen/",
        views.session_transition,
        name="session_transition",
    ),
    path("can-bo/tiep-cong-dan/ghi-so/", views.entry_create, name="entry_create"),
    path("can-bo/tiep-cong-dan/so/<int:pk>/danh-tinh/", views.entry_reveal, name="entry_reveal"),
    path("can-bo/tiep-cong-dan/giam-sat/", views.supervision, name="supervision"),
]
