from django.urls import include, path
from rest_framework import routers

from .views import AuthorViewSet, BookViewSet, StatsViewSet

router = routers.DefaultRouter()
router.register(r"books", BookViewSet)
router.register(r"authors", AuthorViewSet, basename="author")

simple = routers.SimpleRouter(trailing_slash=False)
simple.register("stats", StatsViewSet, basename="stats")

urlpatterns = [
    path("", include(router.urls)),
    path("simple/", include(simple.urls)),
]
