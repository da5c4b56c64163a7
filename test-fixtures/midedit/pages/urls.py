from django.urls import include, path

from . import views

# MISTAKE: include cycle. pages.urls includes news.urls, which includes pages.urls again.
urlpatterns = [
    path("", views.index, name="index"),
    path("news/", include("news.urls")),
]
