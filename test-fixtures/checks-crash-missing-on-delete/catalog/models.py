from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=10)


class Product(models.Model):
    category = models.ForeignKey(Category, related_name="products")
