# Written by hand: the database already has the column, only Django's state learns about it.
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL("SELECT 1", reverse_sql=migrations.RunSQL.noop),
            ],
            state_operations=[
                migrations.AddField(
                    model_name="product",
                    name="legacy_code",
                    field=models.CharField(max_length=20, blank=True),
                ),
            ],
        ),
    ]
