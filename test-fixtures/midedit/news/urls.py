from django.urls import include, path

from . import views

# MISTAKE: include cycle (second half). This includes pages.urls, which includes this module.
urlpatterns = [
    path("latest/", views.latest, name="latest"),
    path("back/", include("pages.urls")),
]
