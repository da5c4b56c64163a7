from django.urls import path

from blog.views.archive import day_index

urlpatterns = [
    path("", day_index, name="day"),
]
