from django.db import models

from catalog.models import Product


class Order(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    tags = models.ManyToManyField("catalog.Category", blank=True)


class Warehouse(models.Model):
    city = models.CharField(max_length=50)
