from django.urls import path

from ykien.participation import views

app_name = "participation"

urlpatterns = [
    path("theo-doi/", views.follow_toggle, name="follow"),
    path("theo-doi/thu-dien-tu/", views.follow_email, name="follow_email"),
    path("theo-doi/xac-nhan/<str:token>/", views.confirm, name="confirm"),
    path("theo-doi/huy/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("thong-bao/ngung-gui-thu/<str:token>/", views.stop_mail, name="stop_mail"),
    path("tai-khoan/thong-bao/", views.notification_list, name="list"),
    path("tai-khoan/thong-bao/<int:pk>/mo/", views.notification_open, name="open"),
    path("tai-khoan/thong-bao/cai-dat/", views.preferences, name="settings"),
]
