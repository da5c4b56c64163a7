from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=20)


class Special(Product):
    sku = models.CharField(max_length=30)
