from django.db import models


class Timestamped(models.Model):
    """Abstract: its fields are copied into each child; no table of its own."""

    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created"]


class Animal(Timestamped):
    name = models.CharField(max_length=50)


class Dog(Animal):
    """Multi-table inheritance: a table with an implicit animal_ptr one-to-one link."""

    breed = models.CharField(max_length=50, blank=True)


class Cat(Animal):
    indoor = models.BooleanField(default=True)

    class Meta:
        verbose_name = "kitty"


class LoudDog(Dog):
    """A proxy: no table, but makemigrations records it (CreateModel with proxy=True)."""

    class Meta:
        proxy = True
        ordering = ["name"]

    def bark(self):
        return "WOOF"


class Keeper(Timestamped):
    animals = models.ManyToManyField(Animal, blank=True)
    favourite = models.ForeignKey(Dog, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
