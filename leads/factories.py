import factory
import wagtail_factories

from leads.models import LeadFormField, LeadFormPage


class LeadFormPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lead form {n}")
    thank_you_text = "<p>Thank you.</p>"

    class Meta:
        model = LeadFormPage


class LeadFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(LeadFormPageFactory)
    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = LeadFormField
