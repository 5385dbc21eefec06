from django.urls import path

from ykien.national import views

app_name = "national"

urlpatterns = [
    path("tham-van-quoc-gia/", views.ballot_list, name="list"),
    path("tham-van-quoc-gia/<int:draft_id>/", views.ballot_form, name="ballot"),
    path("tham-van-quoc-gia/<int:draft_id>/ket-qua/", views.results, name="results"),
    path("can-bo/tham-van-quoc-gia/<int:draft_id>/", views.manage, name="manage"),
]
