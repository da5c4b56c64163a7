from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")

    @property
    def shout(self):
        return self.title.upper()


class Base(models.Model):
    class Meta:
        abstract = True
