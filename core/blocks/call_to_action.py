"""The call to action block: a prompt from the library of calls to action."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks.choosers import ScopedSnippetChooserBlock
from serialization.content_scope import ContentScope
from serialization.representation import call_to_action_data


class CallToActionBlock(blocks.StructBlock):
    call_to_action = ScopedSnippetChooserBlock(
        "cms.CallToAction",
        label=_("Call to action"),
        help_text=_("Choose from the library; its phone, link and text are kept there."),
    )
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading here"),
        help_text=_("Leave empty to use the call to action's own heading."),
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A call to action from the library, with an optional heading for here.")

    def get_api_representation(self, value, context=None):
        return call_to_action_data(
            value["call_to_action"],
            heading=value["heading"],
            scope=ContentScope.of_context(context),
        )

    def get_preview_value(self):
        call_to_action = apps.get_model("cms", "CallToAction").objects.first()
        return self.to_python({"call_to_action": call_to_action and call_to_action.pk})
