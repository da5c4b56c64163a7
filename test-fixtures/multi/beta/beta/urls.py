from django.urls import path

from core import views

urlpatterns = [
    path("events/", views.events, name="events"),
]
