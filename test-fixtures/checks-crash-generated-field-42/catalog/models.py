from django.db import models


class Product(models.Model):
    price = models.IntegerField(default=1)
    doubled = models.GeneratedField(expression=models.F("price") * 2, output_field=models.IntegerField(), db_persist=True)
