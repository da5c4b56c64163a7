from django.urls import path, re_path

from . import views

# No app_name: the include() passes ("catalog.urls", "catalog") and namespace="shop".
urlpatterns = [
    path("items/<uuid:item_id>/", views.item, name="item"),
    path("items/<slug:slug>/", views.ItemView.as_view(), name="item-slug"),
    path("search/", views.search, name="search"),
    re_path(r"^(?P<path>.+)\.html$", views.static_page, name="page"),
]
