from django.db import models


class Product(models.Model):
    code = models.UUIDField("code", "code", True)
