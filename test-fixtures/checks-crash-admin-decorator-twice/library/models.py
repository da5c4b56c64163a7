from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)


class Base(models.Model):
    class Meta:
        abstract = True
