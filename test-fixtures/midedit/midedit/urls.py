from django.urls import include, path

urlpatterns = [
    path("pages/", include("pages.urls")),
]
