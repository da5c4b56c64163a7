from rest_framework import serializers

from .models import Author, Base, Book


class BookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["id", "title", "author", "author_id", "shout", "pk", "url"]


class TypoSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["title", "titel"]


class AuthorSerializer(serializers.ModelSerializer):
    count = serializers.IntegerField()

    class Meta:
        model = Author
        fields = ["name", "books"]


class BothSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["name"]
        exclude = ["id"]


class NeitherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author


class NoModelSerializer(serializers.ModelSerializer):
    class Meta:
        fields = "__all__"


class AbstractSerializer(serializers.ModelSerializer):
    class Meta:
        model = Base
        fields = "__all__"


class ExcludeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        exclude = ["nothing"]


class StringFieldsSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = "title"


class FineSerializer(serializers.ModelSerializer):
    extra = serializers.CharField(source="title")

    class Meta:
        model = Book
        fields = "__all__"
