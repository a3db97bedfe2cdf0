from django.db import migrations

DEFAULTS = (("患者满意度", "%"), ("投诉", "件"), ("新技术新项目", "项"), ("下基层帮扶人次", "人次"))


def add_defaults(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for order, (name, unit) in enumerate(DEFAULTS, start=1):
        Indicator.objects.get_or_create(name=name, defaults={"unit": unit, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
