# Written by hand: raw SQL whose effect on the models is declared in state_operations.
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0002_legacy_code"),
    ]

    operations = [
        migrations.RunSQL(
            sql="ALTER TABLE shop_product ADD COLUMN sku varchar(12) DEFAULT '' NOT NULL",
            reverse_sql="ALTER TABLE shop_product DROP COLUMN sku",
            state_operations=[
                migrations.AddField("product", "sku", models.CharField(max_length=12, default="")),
            ],
        ),
        migrations.RunSQL("SELECT 1"),
    ]
