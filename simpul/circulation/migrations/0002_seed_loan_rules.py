"""The network's starting loan rules (docs/guides/circulation.md explains them).

Only network-wide rules by item type: a member-category rule would outrank them (category
before item type) and, say, let teachers borrow reference books. Libraries add their own.
Reference works and theses are not lent (``max_items`` 0: read in the library); if staff
override that, the loan is due the next open day.
"""

from django.db import migrations

# item_type ("" = any), loan_days, renewals, max_items, fine_per_day, grace_days, fine_cap
RULES = [
    ("", 14, 1, 3, 500, 1, 20000),
    ("children", 7, 1, 3, 200, 1, 5000),
    ("serial", 7, 0, 3, 500, 1, 10000),
    ("audiovisual", 7, 1, 2, 1000, 0, 20000),
    ("reference", 1, 0, 0, 1000, 0, 20000),
    ("thesis", 1, 0, 0, 1000, 0, 20000),
]


def seed(apps, schema_editor):
    rule = apps.get_model("circulation", "LoanRule")
    for item_type, days, renewals, max_items, per_day, grace, cap in RULES:
        if not rule.objects.filter(library=None, category=None, item_type=item_type).exists():
            rule.objects.create(
                item_type=item_type,
                loan_days=days,
                renewals=renewals,
                max_items=max_items,
                fine_per_day=per_day,
                grace_days=grace,
                fine_cap=cap,
            )


def unseed(apps, schema_editor):
    rule = apps.get_model("circulation", "LoanRule")
    types = [item_type for item_type, *_rest in RULES]
    rule.objects.filter(library=None, category=None, item_type__in=types).delete()


class Migration(migrations.Migration):
    dependencies = [("circulation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
