"""The network's member categories. Validity in months; staff can change them in the admin."""

from django.db import migrations

CATEGORIES = [
    # code, name, validity_months, needs_guardian, max_age, self_service
    ("anak", "Anak", 12, True, 12, True),
    ("pelajar", "Pelajar", 12, False, None, True),
    ("mahasiswa", "Mahasiswa", 12, False, None, True),
    ("guru", "Guru", 24, False, None, True),
    ("umum", "Umum", 24, False, None, True),
    ("staf-mitra", "Staf mitra", 12, False, None, False),
]


def seed(apps, schema_editor):
    category = apps.get_model("members", "MemberCategory")
    for sort, (code, name, months, guardian, max_age, self_service) in enumerate(CATEGORIES):
        category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "validity_months": months,
                "needs_guardian": guardian,
                "max_age": max_age,
                "self_service": self_service,
                "sort": (sort + 1) * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0002_member_numbers_events")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
