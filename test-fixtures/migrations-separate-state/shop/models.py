from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100)
    # Added to the state only: the column was created by hand (SeparateDatabaseAndState).
    legacy_code = models.CharField(max_length=20, blank=True)
    # Added by raw SQL that declares its state change (RunSQL state_operations).
    sku = models.CharField(max_length=12, default="")
    # RunPython fills it; the field itself comes from a normal AddField.
    slug = models.SlugField(blank=True)
