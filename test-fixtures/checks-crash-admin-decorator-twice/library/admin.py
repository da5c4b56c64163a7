from django.contrib import admin
from django.contrib.auth.models import Group

from .models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    pass


@admin.register(
    Group,
)
class GroupAdmin(admin.ModelAdmin):
    pass
