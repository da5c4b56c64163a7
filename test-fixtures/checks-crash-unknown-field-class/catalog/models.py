from django.db import models


class Product(models.Model):
    name = models.CharFiled(max_length=10)
