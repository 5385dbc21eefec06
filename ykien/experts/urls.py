from django.urls import path

from ykien.experts import pickers, views

app_name = "experts"

urlpatterns = [
    path("can-bo/chuyen-gia/", views.expert_list, name="list"),
    path("can-bo/chuyen-gia/xuat.csv", views.expert_export, name="export"),
    path("can-bo/chuyen-gia/xuat.xlsx", views.expert_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("can-bo/chuyen-gia/them/", views.expert_edit, name="create"),
    path("can-bo/chuyen-gia/goi-y/", pickers.suggest, name="suggest"),
    path("can-bo/chuyen-gia/<int:pk>/sua/", views.expert_edit, name="edit"),
]
