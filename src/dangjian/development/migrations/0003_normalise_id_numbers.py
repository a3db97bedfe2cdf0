"""Existing 身份证号 of 发展党员 cases in the stored form the model now enforces (NFKC, no
surrounding spaces, upper-case X; issue 15, item 12). A case whose normalised number already
belongs to another case is left as it is (the two rows are the same person: merge them by hand)."""

import unicodedata

from django.db import migrations


def normalise(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().upper()


def forwards(apps, schema_editor):
    Case = apps.get_model("development", "DevelopmentCase")
    rows = list(Case.objects.values_list("pk", "id_number"))
    taken = {number for _pk, number in rows}
    for pk, number in rows:
        wanted = normalise(number)
        if wanted != number and wanted not in taken:
            Case.objects.filter(pk=pk).update(id_number=wanted)
            taken.add(wanted)


class Migration(migrations.Migration):
    dependencies = [("development", "0002_developmentcase_approval_delay_reason_and_more")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
