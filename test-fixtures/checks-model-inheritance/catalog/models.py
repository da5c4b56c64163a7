from django.conf import settings
from django.db import models


class Timestamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_owned")

    class Meta:
        abstract = True
        ordering = ["-created"]


class Place(Timestamped):
    name = models.CharField(max_length=50)
    parent = models.ForeignKey("self", null=True, on_delete=models.SET_NULL)


class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)
    tags = models.ManyToManyField("Tag", blank=True)


class Tag(models.Model):
    label = models.SlugField(unique=True)


class RecentPlace(Place):
    class Meta:
        proxy = True
