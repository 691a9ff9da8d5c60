"""Blocks that prompt a visitor to act or show what other patients said."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks.choosers import ScopedSnippetChooserBlock
from serialization.representation import call_to_action_data, testimonial_data


class CallToActionBlock(blocks.StructBlock):
    call_to_action = ScopedSnippetChooserBlock("cms.CallToAction")
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the call to action's own heading."),
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A call to action from the library, with an optional heading for here.")

    def get_api_representation(self, value, context=None):
        return call_to_action_data(value["call_to_action"], heading=value["heading"])

    def get_preview_value(self):
        call_to_action = apps.get_model("cms", "CallToAction").objects.first()
        return self.to_python({"call_to_action": call_to_action and call_to_action.pk})


class TestimonialsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    testimonials = blocks.ListBlock(ScopedSnippetChooserBlock("procedures.Testimonial"), min_num=1)

    class Meta:
        icon = "openquote"
        template = "blocks/testimonials.html"
        label = _("Testimonials")
        description = _("One or more published patient testimonials with their disclosure.")

    def get_api_representation(self, value, context=None):
        return {
            "heading": value["heading"],
            "testimonials": [
                testimonial_data(testimonial)
                for testimonial in value["testimonials"]
                if testimonial is not None and testimonial.is_publicly_shown
            ],
        }

    def get_preview_value(self):
        testimonials = apps.get_model("procedures", "Testimonial").objects.publicly_shown()
        return self.to_python({"testimonials": list(testimonials.values_list("pk", flat=True)[:1])})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["testimonials"] = [
            testimonial
            for testimonial in value["testimonials"]
            if testimonial is not None and testimonial.is_publicly_shown
        ]
        return context
