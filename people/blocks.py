"""Blocks that show physicians and what patients said."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks.choosers import ScopedSnippetChooserBlock
from people.consent import shown_to_reader
from people.models import Physician, Testimonial
from serialization.content_scope import ContentScope
from serialization.representation import physician_data, testimonial_data


class PhysicianListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, label=_("Heading"), help_text=_("e.g. Our physicians")
    )
    physicians = blocks.ListBlock(
        ScopedSnippetChooserBlock(
            "people.Physician",
            label=_("Physician"),
            help_text=_("A physician from the library; the card shows their credentials."),
        ),
        min_num=1,
        label=_("Physicians"),
        help_text=_("Shown as cards in this order."),
    )

    class Meta:
        icon = "group"
        template = "blocks/physician_list.html"
        label = _("Physician list")
        description = _("Cards for chosen physicians with credentials and specialties.")

    def resolve(self, value, context):
        return ContentScope.of_context(context).snippets(value["physicians"])

    def get_api_representation(self, value, context=None):
        return {
            "heading": value["heading"],
            "physicians": [physician_data(p) for p in self.resolve(value, context)],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["physicians"] = self.resolve(value, parent_context)
        return context

    def get_preview_value(self):
        physicians = Physician.objects.all()
        return self.to_python(
            {
                "heading": "Our physicians",
                "physicians": list(physicians.values_list("pk", flat=True)[:3]),
            }
        )


class TestimonialsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading"),
        help_text=_("Optional, e.g. What our patients say"),
    )
    testimonials = blocks.ListBlock(
        ScopedSnippetChooserBlock(
            "people.Testimonial",
            label=_("Testimonial"),
            help_text=_("Only published testimonials with consent on file are shown."),
        ),
        min_num=1,
        label=_("Testimonials"),
        help_text=_("Shown in this order, each with its disclosure."),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/testimonials.html"
        label = _("Testimonials")
        description = _("One or more published patient testimonials with their disclosure.")

    def resolve(self, value, context):
        """The publicly shown testimonials, each in the page's language where translated."""
        testimonials = ContentScope.of_context(context).snippets(value["testimonials"])
        shown = [testimonial for testimonial in testimonials if testimonial.is_publicly_shown]
        return shown_to_reader(shown)

    def get_api_representation(self, value, context=None):
        return {
            "heading": value["heading"],
            "testimonials": [testimonial_data(t) for t in self.resolve(value, context)],
        }

    def get_preview_value(self):
        testimonials = Testimonial.objects.publicly_shown()
        return self.to_python({"testimonials": list(testimonials.values_list("pk", flat=True)[:1])})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["testimonials"] = self.resolve(value, parent_context)
        return context
