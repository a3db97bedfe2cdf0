"""Existing 身份证号 in the stored form the model now enforces: NFKC (full-width and superscript
digits become 0-9), no surrounding spaces, upper-case X (issue 15, item 12)."""

import unicodedata

from django.db import migrations


def normalise(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().upper()


def forwards(apps, schema_editor):
    Member = apps.get_model("organizations", "Member")
    for pk, number in Member.objects.exclude(id_number="").values_list("pk", "id_number"):
        if normalise(number) != number:
            Member.objects.filter(pk=pk).update(id_number=normalise(number))


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_historicalprofile_must_change_password_and_more")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
