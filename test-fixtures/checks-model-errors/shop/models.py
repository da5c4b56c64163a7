from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)
    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE, related_name="children")

    class Meta:
        ordering = ["name", "parent__name", "-nme", "parent__nme", "children__name", "pk", "?"]


class Product(models.Model):
    id = models.IntegerField()
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="products")
    category_id = models.IntegerField()
    tags = models.ManyToManyField("Tag")
    sku = models.CharField(max_length=20)

    class Meta:
        ordering = "sku"
        unique_together = [("sku", "missing"), ("sku", "tags")]
        indexes = [models.Index(fields=["-sku", "nothing"], name="sku_idx")]


class Tag(models.Model):
    code = models.CharField(max_length=10, primary_key=True)
    other = models.CharField(max_length=10, primary_key=True)


class Variant(models.Model):
    label = models.CharField(max_length=10, db_column="name")
    name = models.CharField(max_length=10)
    order = models.IntegerField()

    class Meta:
        ordering = ["order"]
        order_with_respect_to = "label"


class Special(Product):
    grade = models.CharField(max_length=30)

    class Meta:
        unique_together = ["category", "extra"]


class Bundle(models.Model):
    title = models.CharField(max_length=10)

    class Meta:
        ordering = ["category__name", "title__lower", "title__nope", "products__sku"]


class Cheap(Bundle):
    price = models.IntegerField()

    class Meta:
        proxy = True
