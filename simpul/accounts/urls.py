from django.contrib.auth.views import LogoutView
from django.urls import path

from simpul.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", LogoutView.as_view(), name="logout"),
    path("akun/", views.account_home, name="home"),
    path("akun/kata-sandi/", views.PasswordChangeView.as_view(), name="password-change"),
    path(
        "akun/kata-sandi/selesai/",
        views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path("masuk/lupa-sandi/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "masuk/lupa-sandi/terkirim/",
        views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "masuk/sandi-baru/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "masuk/sandi-baru/selesai/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
