from django.urls import include, path, re_path

from notes import views

# Every URL check Django has a static answer for, once each (see README.md).
urlpatterns = [
    "notes-prefix/",  # urls.E004
    re_path(r"^notes/$", include("notes.urls")),  # urls.W001
    path("/leading/", views.note_list, name="leading"),  # urls.W002
    path("colon/", views.note_list, name="bad:name"),  # urls.W003
    path("^old-style/$", views.note_list, name="old-style"),  # 2_0.W001
    path("again/", include("notes.urls", namespace="notes")),  # urls.W005 (with the next one)
    path("twice/", include("notes.urls", namespace="notes")),
]
