from django.urls import include, path

from blog import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("blog/", include("blog.urls")),
]
