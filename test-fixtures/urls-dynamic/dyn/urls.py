from django.urls import path

from . import views

# Patterns built by code: a comprehension and a loop. Django Lens lists what it can read and says
# the rest is unknown.
urlpatterns = [
    path("", views.index, name="index"),
] + [path(f"section-{i}/", views.page, name=f"section-{i}") for i in range(3)]

for slug in ("alpha", "beta"):
    urlpatterns.append(path(f"{slug}/", views.page, name=slug))

urlpatterns += [path("last/", views.page, name="last")]
