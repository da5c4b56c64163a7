from django.urls import include, path

from . import views

app_name = "blog"

urlpatterns = [
    path("", views.PostList.as_view(), name="post-list"),
    path("<slug:slug>/", views.post_detail, name="post-detail"),
    path("<int:year>/", include("blog.archive_urls")),
]
