"""Tokens made before expiry existed end one year after they were made (the default lifetime)."""

import datetime as dt

from django.db import migrations

LIFETIME = dt.timedelta(days=365)


def backfill(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.filter(expires__isnull=True):
        token.expires = token.created + LIFETIME
        token.save(update_fields=["expires"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_token_scope_and_expiry")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
