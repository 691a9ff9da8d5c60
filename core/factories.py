import factory
import wagtail_factories

from core.models import CallToAction


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
