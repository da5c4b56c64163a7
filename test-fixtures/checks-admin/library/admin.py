from django.contrib import admin

from .models import Author, Book, Genre, Publisher


def upper_title(obj):
    return obj.title.upper()


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name", "books", "book_count", "nickname"]
    ordering = ["-name", "age"]
    list_filter = ["books__title", "name__exact"]

    def book_count(self, obj):
        return obj.books.count()


class BookAdmin(admin.ModelAdmin):
    list_display = ["title", upper_title, "summary", "shout", "author", "author_id", "tags", "titel", "author__name"]
    list_display_links = ["title", "nope"]
    list_filter = ["author__name", "genre", "titel", "author__nme", "published__year"]
    readonly_fields = ["shout", "summary", "missing", "author_id"]
    raw_id_fields = ["author", "title", "author_id", "ghost"]
    autocomplete_fields = ["author", "publisher", "genre", "title", "writer"]
    ordering = ["author__name", "-published", "pk", "?", "unknown"]
    fields = ["title", "author", "title"]
    fieldsets = [(None, {"fields": ["title", ("author", "title")]})]
    search_fields = "title"


class GenreAdmin(admin.ModelAdmin):
    fields = ["name", ("name",)]


admin.site.register(Book, BookAdmin)
admin.site.register(Genre, GenreAdmin)
