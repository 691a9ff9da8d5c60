import datetime

import factory
import wagtail_factories
from django.utils import timezone

from core.models import CallToAction, Claim


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Test image {n}")


class CallToActionFactory(factory.django.DjangoModelFactory):
    kind = CallToAction.Kind.URL
    heading = factory.Sequence(lambda n: f"Call to action {n}")
    text = "Talk to our patient care team."
    button_label = "Get started"
    link_url = "https://example.com/start"

    class Meta:
        model = CallToAction


class PhoneCallToActionFactory(CallToActionFactory):
    kind = CallToAction.Kind.PHONE
    link_url = ""
    phone = "+18774742225"
    button_label = "Call us"


class ClaimFactory(factory.django.DjangoModelFactory):
    figure = "95%"
    wording = factory.Sequence(lambda n: f"of our patients would recommend us ({n})")
    numerator = 95
    denominator = 100
    method = "Anonymous survey six weeks after the procedure."
    population = "Patients who answered the survey"
    period = "January to December 2025"
    source = "Patient survey"
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))

    class Meta:
        model = Claim
