from django.urls import path

from simpul.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("tentang/", views.about, name="about"),
    path("masuk/lanjut/", views.after_login, name="after-login"),
]
