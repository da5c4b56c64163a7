from django.db import models


class Product(models.Model):
    name_ = models.CharField(max_length=10)
    full__name = models.CharField(max_length=10)
    pk = models.IntegerField(primary_key=True)
    kind = models.CharField(max_length=10, choices="abc")
    size = models.CharField(max_length=10, choices=["small", "large"])
    color = models.CharField(max_length=3, choices=[("red", "Red"), ("green", "Green")])
    grouped = models.CharField(max_length=2, choices=[("Warm", [("red", "Red")]), ("Cold", [("ab", "Blue")])])
    ok_choices = models.CharField(max_length=5, choices=[("red", "Red")])
    indexed = models.IntegerField(db_index="yes")
    description = models.CharField()
    title = models.CharField(max_length=0)
    subtitle = models.CharField(max_length="20")
    quantity = models.IntegerField(max_length=5)
    big = models.BigIntegerField(max_length=5)


class Price(models.Model):
    no_places = models.DecimalField(max_digits=5)
    no_digits = models.DecimalField(decimal_places=2)
    neither = models.DecimalField()
    negative = models.DecimalField(max_digits=5, decimal_places=-1)
    zero_digits = models.DecimalField(max_digits=0, decimal_places=0)
    too_many = models.DecimalField(max_digits=2, decimal_places=3)
    as_text = models.DecimalField(max_digits="5", decimal_places="2")
    fine = models.DecimalField(max_digits=5, decimal_places=2)


class Counter(models.Model):
    key = models.IntegerField(primary_key=True)
    counter = models.AutoField()


class Event(models.Model):
    created = models.DateTimeField(auto_now=True, auto_now_add=True)
    day = models.DateField(auto_now_add=True, default=None)
    at = models.TimeField(auto_now=False, default=None)
    blob = models.BinaryField(default="text")
    raw = models.BinaryField(default=b"bytes")
    upload = models.FileField(upload_to="/abs/path", primary_key=False)
    data = models.JSONField(default={})
    ok_data = models.JSONField(default=dict)
    address = models.IPAddressField()
    flag = models.NullBooleanField()
    numbers = models.CommaSeparatedIntegerField(max_length=20)


class Abstract(models.Model):
    bad_ = models.CharField(max_length=5)

    class Meta:
        abstract = True


class ChildA(Abstract):
    pass


class ChildB(Abstract):
    pass
