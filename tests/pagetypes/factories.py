import datetime

import factory
import wagtail_factories

from tests.pagetypes.models import ClinicEventPage


class ClinicEventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Open day {n}")
    summary = "Meet our spine specialists and tour the clinic."
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=14)
    )
    description = "<p>Bring your questions about back pain.</p>"

    class Meta:
        model = ClinicEventPage
