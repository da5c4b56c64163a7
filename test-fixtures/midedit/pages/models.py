from django.db import models


class Page(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)


class Revision(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE)
    # MISTAKE: syntax error. The next line is half-typed (unclosed call), as while editing.
    created = models.DateTimeField(auto_now_add=
