from django.db import models


class Person(models.Model):
    name = models.CharField(max_length=50)


class Club(models.Model):
    members = models.ManyToManyField(Person, db_table="club_person")
