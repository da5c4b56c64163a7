# Written by hand: a field, then data filled by Python code (RunPython changes no state).
from django.db import migrations, models


def fill_slugs(apps, schema_editor):
    Product = apps.get_model("shop", "Product")
    for p in Product.objects.all():
        p.slug = p.name.lower().replace(" ", "-")
        p.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0003_sku"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="slug",
            field=models.SlugField(blank=True),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
    ]
