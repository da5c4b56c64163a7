from django.contrib import admin

from .models import Comment, Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "published"]
    prepopulated_fields = {"slug": ["title"]}


admin.site.register(Comment)
