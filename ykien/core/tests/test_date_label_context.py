"""The word "ngày" is a date when it labels a date field and "days" when it counts a duration:
the date labels carry the context "nhãn trường ngày" so that the two translate apart."""

from __future__ import annotations

from django.utils import translation

from ykien.core.models import DeadlineRule, HolidayOverride
from ykien.oversight.models import RecommendationEvent
from ykien.petitions.models import PetitionEvent
from ykien.reporting.models import Measure

DATE_FIELDS = [(HolidayOverride, "date"), (RecommendationEvent, "on"), (PetitionEvent, "on")]


def test_date_field_labels_are_a_date_in_english_and_ngay_in_vietnamese():
    with translation.override("en"):
        assert [str(m._meta.get_field(f).verbose_name) for m, f in DATE_FIELDS] == ["date"] * 3
        # The durations keep the plain message.
        assert [str(DeadlineRule.Counting.CALENDAR.label), str(Measure.DAYS.label)] == ["days"] * 2
    with translation.override("vi"):
        assert [str(m._meta.get_field(f).verbose_name) for m, f in DATE_FIELDS] == ["ngày"] * 3
        assert str(DeadlineRule.Counting.CALENDAR.label) == "ngày"
