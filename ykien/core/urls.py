from django.urls import path

from ykien.core import views, views_mine, views_pickers

app_name = "core"

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("tai-khoan/dang-nhap/", views.LoginView.as_view(), name="login"),
    path("tai-khoan/dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/xac-thuc-hai-buoc/", views.otp_verify, name="otp_verify"),
    path("tai-khoan/xac-thuc-hai-buoc/thiet-lap/", views.otp_setup, name="otp_setup"),
    path("tai-khoan/cua-toi/", views_mine.mine, name="mine"),
    path("tai-khoan/cua-toi/du-lieu.json", views_mine.mine_data, name="mine_data"),
    path("can-bo/", views.workspace, name="workspace"),
    path("can-bo/nhat-ky/", views.audit_log, name="audit_log"),
    path("can-bo/nhat-ky/danh-sach.<str:fmt>", views.audit_export, name="audit_export"),
    path("can-bo/goi-y/don-vi/", views_pickers.unit_suggest, name="suggest_units"),
    path("can-bo/goi-y/can-bo/", views_pickers.person_suggest, name="suggest_people"),
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/<str:code>/", views.unit_detail, name="unit_detail"),
    path("ngon-ngu/", views.language, name="language"),
    path("thoi-han/", views.deadline_calculator, name="deadline"),
]
