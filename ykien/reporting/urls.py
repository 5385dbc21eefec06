from django.urls import path

from ykien.reporting import views

app_name = "reporting"

urlpatterns = [
    path("giao-ban/", views.index, name="index"),
    path("giao-ban/ky/<str:period>/", views.period_detail, name="period"),
    path("giao-ban/nhap/<str:code>/<str:period>/", views.entry, name="entry"),
    path("giao-ban/nhap/<str:code>/<str:period>/quyet-dinh/", views.decide, name="decide"),
    path("giao-ban/tong-hop/<str:code>/<str:period>/", views.dashboard, name="dashboard"),
    path(
        "giao-ban/tong-hop/<str:code>/<str:period>/bao-cao.<str:fmt>",
        views.download,
        name="download",
    ),
]
