from django.core.validators import MinValueValidator
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)
    book_set = models.IntegerField(default=0)


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    publisher = models.ForeignKey("Publisher", on_delete=models.CASCADE)
    editor = models.ForeignKey(Author, on_delete=models.SET_NULL, related_name="edited")
    reviewer = models.ForeignKey(Author, on_delete=models.SET_DEFAULT, related_name="reviewed")
    owner = models.ForeignKey(Author, on_delete=models.CASCADE, unique=True, related_name="owned")
    translator = models.ForeignKey(Author, models.CASCADE, related_name="not valid")
    shelf = models.ForeignKey("catalog.Shelf", on_delete=models.CASCADE)
    tags = models.ManyToManyField("Tag", null=True, related_name="books")
    labels = models.ManyToManyField("Tag", validators=[MinValueValidator(1)], related_name="labelled")
    notes = models.ManyToManyField("Tag", db_comment="notes", related_name="noted")
    featured = models.ManyToManyField("Tag", unique=True, related_name="featured_in")


class Tag(models.Model):
    book = models.CharField(max_length=10)


class Review(models.Model):
    first = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="books")
    second = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="reviews")
    third = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="others", related_query_name="reviews")
    fourth = models.ForeignKey(Author, on_delete=models.SET_NULL, null=True, related_name="fine")
    fifth = models.ForeignKey(Author, on_delete=models.SET_DEFAULT, default=1, related_name="fine2")


class Note(models.Model):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)
    ender = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="ender_")
    dunder = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="note__dunder")


class Person(models.Model):
    friends = models.ManyToManyField("self", related_name="pals")
    admirers = models.ManyToManyField("self", symmetrical=False, related_name="admired")
