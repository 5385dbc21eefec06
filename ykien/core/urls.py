from django.contrib.auth import views as auth_views
from django.urls import path

from ykien.core import views, views_mine

app_name = "core"

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("tai-khoan/dang-nhap/", views.LoginView.as_view(), name="login"),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/xac-thuc-hai-buoc/", views.otp_verify, name="otp_verify"),
    path("tai-khoan/xac-thuc-hai-buoc/thiet-lap/", views.otp_setup, name="otp_setup"),
    path("tai-khoan/cua-toi/", views_mine.mine, name="mine"),
    path("tai-khoan/cua-toi/du-lieu.json", views_mine.mine_data, name="mine_data"),
    path("can-bo/", views.workspace, name="workspace"),
    path("can-bo/nhat-ky/", views.audit_log, name="audit_log"),
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/<str:code>/", views.unit_detail, name="unit_detail"),
    path("thoi-han/", views.deadline_calculator, name="deadline"),
]
