from django.urls import path

from ykien.dialogue.views import public, staff

app_name = "dialogue"

urlpatterns = [
    # Public.
    path("doi-thoai/", public.dialogue_list, name="list"),
    path("doi-thoai/<int:pk>/", public.dialogue_detail, name="detail"),
    path("doi-thoai/<int:pk>/gui-cau-hoi/", public.question_submit, name="ask"),
    path("doi-thoai/<int:pk>/bien-ban.<str:fmt>", public.minutes, name="minutes"),
    path("doi-thoai/cam-ket/", public.commitment_list, name="commitments"),
    path("doi-thoai/cam-ket/<int:pk>/", public.commitment_detail, name="commitment"),
    path("doi-thoai/du-lieu/cam-ket.<str:fmt>", public.export_commitments, name="export"),
    # Officers of the organising front committee.
    path("can-bo/doi-thoai/", staff.desk, name="desk"),
    path("can-bo/doi-thoai/xuat.csv", staff.desk_export, name="desk_export"),
    path("can-bo/doi-thoai/xuat.xlsx", staff.desk_export, {"fmt": "xlsx"}, name="desk_export_xlsx"),
    path("can-bo/doi-thoai/moi/", staff.create, name="create"),
    path("can-bo/doi-thoai/<int:pk>/", staff.manage, name="manage"),
    path("can-bo/doi-thoai/<int:pk>/buoc/<str:name>/", staff.action, name="action"),
    path("can-bo/doi-thoai/<int:pk>/cau-hoi-nhom/", staff.grouped, name="grouped"),
    path(
        "can-bo/doi-thoai/<int:pk>/cau-hoi-nhom.<str:fmt>", staff.grouped, name="grouped_document"
    ),
    path("can-bo/doi-thoai/<int:pk>/cau-hoi-tai-cho/", staff.question_raise, name="raise"),
    path("can-bo/doi-thoai/<int:pk>/cam-ket/", staff.commitment_create, name="commitment_create"),
    path(
        "can-bo/doi-thoai/cau-hoi/<int:pk>/<str:name>/",
        staff.question_action,
        name="question_action",
    ),
    path(
        "can-bo/doi-thoai/cam-ket/<int:pk>/<str:name>/",
        staff.commitment_action,
        name="commitment_action",
    ),
    # The head's office (or the addressee's respondent).
    path("can-bo/cam-ket-doi-thoai/", staff.to_answer, name="to_answer"),
    path(
        "can-bo/cam-ket-doi-thoai/<int:pk>/bao-cao/",
        staff.commitment_answer,
        name="commitment_answer",
    ),
]
