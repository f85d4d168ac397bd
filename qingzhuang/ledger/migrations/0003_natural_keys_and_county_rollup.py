"""The rollups keyed by their natural key (no surrogate id, one index each), a yearly and a per-county rollup.

Django cannot turn an id primary key into a composite one in place, so the old tables are renamed,
the new ones created, the rows copied (plain INSERT … SELECT, the same on PostgreSQL and SQLite) and
the old tables dropped. The yearly and county rollups are filled from the copied monthly rows.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Sum
from django.db.models.functions import ExtractYear

COPIES = (
    ("LedgerMonthOld", "LedgerMonth", ("unit_id", "month", "measure", "value")),
    ("LedgerFlowOld", "LedgerFlow", ("unit_id", "month", "measure", "issuer_id", "value")),
    ("LedgerIssuerMonthOld", "LedgerIssuerMonth", ("issuer_id", "month", "measure", "value")),
)


def copy_rows(apps, schema_editor):
    qn = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        for old, new, columns in COPIES:
            source = qn(apps.get_model("ledger", old)._meta.db_table)
            target = qn(apps.get_model("ledger", new)._meta.db_table)
            names = ", ".join(qn(c) for c in columns)
            cursor.execute(f"INSERT INTO {target} ({names}) SELECT {names} FROM {source}")
        month = qn(apps.get_model("ledger", "LedgerMonth")._meta.db_table)
        county = qn(apps.get_model("ledger", "LedgerCountyMonth")._meta.db_table)
        unit = qn(apps.get_model("org", "Unit")._meta.db_table)
        cursor.execute(
            f"INSERT INTO {county} (county_id, month, measure, value) "
            f"SELECT u.county_id, m.month, m.measure, SUM(m.value) FROM {month} m JOIN {unit} u ON u.id = m.unit_id "
            "WHERE u.county_id IS NOT NULL GROUP BY u.county_id, m.month, m.measure"
        )
    month_model, year_model = apps.get_model("ledger", "LedgerMonth"), apps.get_model("ledger", "LedgerYear")
    years = (
        month_model.objects.annotate(y=ExtractYear("month"))
        .values_list("unit_id", "y", "measure")
        .annotate(total=Sum("value"))
        .order_by()
    )
    year_model.objects.bulk_create(
        (year_model(unit_id=u, year=y, measure=code, value=v) for u, y, code, v in years.iterator()), batch_size=5000
    )


def _fk(to):
    return models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to=to)


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0002_flows_and_reports"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("LedgerMonth", "LedgerMonthOld"),
        migrations.RenameModel("LedgerFlow", "LedgerFlowOld"),
        migrations.RenameModel("LedgerIssuerMonth", "LedgerIssuerMonthOld"),
        migrations.CreateModel(
            name="LedgerMonth",
            fields=[
                ("pk", models.CompositePrimaryKey("unit_id", "month", "measure", blank=True, editable=False, primary_key=True, serialize=False)),
                ("unit", _fk("org.unit")),
                ("month", models.DateField()),
                ("measure", models.CharField(max_length=60)),
                ("value", models.FloatField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="LedgerYear",
            fields=[
                ("pk", models.CompositePrimaryKey("unit_id", "year", "measure", blank=True, editable=False, primary_key=True, serialize=False)),
                ("unit", _fk("org.unit")),
                ("year", models.PositiveSmallIntegerField()),
                ("measure", models.CharField(max_length=60)),
                ("value", models.FloatField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="LedgerFlow",
            fields=[
                ("pk", models.CompositePrimaryKey("unit_id", "month", "measure", "issuer_id", blank=True, editable=False, primary_key=True, serialize=False)),
                ("unit", _fk("org.unit")),
                ("month", models.DateField()),
                ("measure", models.CharField(max_length=60)),
                ("issuer", _fk("org.unit")),
                ("value", models.FloatField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="LedgerIssuerMonth",
            fields=[
                ("pk", models.CompositePrimaryKey("issuer_id", "month", "measure", blank=True, editable=False, primary_key=True, serialize=False)),
                ("issuer", _fk("org.unit")),
                ("month", models.DateField()),
                ("measure", models.CharField(max_length=60)),
                ("value", models.FloatField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="LedgerCountyMonth",
            fields=[
                ("pk", models.CompositePrimaryKey("county_id", "month", "measure", blank=True, editable=False, primary_key=True, serialize=False)),
                ("county", _fk("org.region")),
                ("month", models.DateField()),
                ("measure", models.CharField(max_length=60)),
                ("value", models.FloatField(default=0)),
            ],
        ),
        migrations.RunPython(copy_rows, migrations.RunPython.noop),
        migrations.DeleteModel("LedgerMonthOld"),
        migrations.DeleteModel("LedgerFlowOld"),
        migrations.DeleteModel("LedgerIssuerMonthOld"),
    ]
