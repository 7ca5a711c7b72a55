from datetime import date

from simpul.libraries import services
from simpul.libraries.holidays import NATIONAL_HOLIDAYS
from simpul.libraries.models import Closure


def test_migrations_load_the_national_holidays_of_2026_and_2027(db):
    holidays = Closure.objects.filter(library__isnull=True)
    assert holidays.count() == len(NATIONAL_HOLIDAYS)
    years = {day.year for day in holidays.values_list("date", flat=True)}
    assert years == {2026, 2027}
    assert holidays.get(date=date(2026, 8, 17)).name == "Hari Kemerdekaan Republik Indonesia"


def test_loading_again_creates_nothing_and_keeps_edits(db):
    Closure.objects.filter(date=date(2026, 8, 17)).update(name="HUT RI ke-81")
    assert services.load_national_holidays() == 0
    assert Closure.objects.get(date=date(2026, 8, 17)).name == "HUT RI ke-81"


def test_a_deleted_holiday_is_restored_by_the_loader(db):
    Closure.objects.filter(date=date(2026, 1, 1)).delete()
    assert services.load_national_holidays() == 1
