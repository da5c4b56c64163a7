from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)


class Author(models.Model):
    name = models.CharField(max_length=100)
