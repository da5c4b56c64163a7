from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)


class Product(models.Model):
    name = models.CharField(max_length=100)
    category = models.ForeignKey(Category, on_delete=models.PROTECT)
    stored_in = models.ForeignKey("orders.Warehouse", null=True, on_delete=models.SET_NULL)
