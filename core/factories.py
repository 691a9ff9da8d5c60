import factory

from core.models import CallToAction


class CallToActionFactory(factory.django.DjangoModelFactory):
    kind = CallToAction.Kind.URL
    heading = factory.Sequence(lambda n: f"Call to action {n}")
    text = "Talk to our patient care team."
    button_label = "Get started"
    link_url = "https://example.com/start"

    class Meta:
        model = CallToAction
