from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.decorators.cache import cache_page

from .views import archive

app_name = "by_year"

urlpatterns = [
    path("", cache_page(60)(archive.year_index), name="index"),
    path("<int:month>/", login_required(archive.month_index), name="month"),
    path("<int:month>/<int:day>/", include("blog.day_urls")),
]
