from django.urls import path

from core import views

urlpatterns = [
    path("notes/", views.notes, name="notes"),
]
