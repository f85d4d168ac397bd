"""Seed the community master record's fields (data migration, separate from the schema)."""

from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from qingzhuang.forms.master import MASTER_FIELDS

    MasterField = apps.get_model("forms", "MasterField")
    for order, (code, group, name, type_, unit, definition) in enumerate(MASTER_FIELDS, start=1):
        MasterField.objects.update_or_create(
            code=code, defaults={"group": group, "name": name, "type": type_, "unit": unit, "definition": definition, "order": order}
        )


def unseed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from qingzhuang.forms.master import MASTER_FIELDS

    apps.get_model("forms", "MasterField").objects.filter(code__in=[f[0] for f in MASTER_FIELDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("forms", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
