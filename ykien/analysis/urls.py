from django.urls import path

from ykien.analysis import views

app_name = "analysis"

urlpatterns = [
    path("can-bo/phan-tich/du-thao/<int:pk>/", views.screen, name="screen"),
    path("can-bo/phan-tich/du-thao/<int:pk>/trang-thai/", views.status, name="status"),
    path(
        "can-bo/phan-tich/du-thao/<int:pk>/lan-chay/<int:run_id>/chu-de/<int:topic>/diem/",
        views.topic_point,
        name="topic_point",
    ),
]
