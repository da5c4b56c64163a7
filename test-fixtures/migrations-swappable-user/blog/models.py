from django.conf import settings
from django.db import models


class Post(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(max_length=100)
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="edited_posts")
