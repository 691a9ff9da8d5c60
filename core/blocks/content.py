"""General content blocks: headings, text, images, figures, FAQs, video links."""

from urllib.parse import urlparse

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from core.blocks.choosers import ScopedSnippetChooserBlock
from core.claims import claim_data
from serialization.content_scope import ContentScope
from serialization.representation import image_data, serialize_rich_text

BODY_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=120,
        label=_("Heading text"),
        help_text=_("A few words that name the section below, e.g. Recovery at home."),
    )
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Subheading (h3)"))],
        default="h2",
        label=_("Level"),
        help_text=_("Headings must not skip levels: use h3 only under an h2."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        description = _("A section or subsection heading.")
        preview_value = {"text": "Benefits of Lumbar Foraminotomy", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", BODY_RICH_TEXT_FEATURES)
        kwargs.setdefault(
            "help_text", _("Short paragraphs read best; use lists for steps and links for sources.")
        )
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        request = (context or {}).get("request")
        requested = request.GET.get("rich_text_format") if request else None
        return serialize_rich_text(value.source, requested)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        label = _("Text")
        description = _("Paragraphs, lists and links.")
        preview_value = RichText(
            "<p>A foraminotomy enlarges the opening through which a spinal nerve root leaves "
            "the spine, relieving the pressure that causes pain.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(
        label=_("Image"), help_text=_("Choose from the image library or upload a new one.")
    )
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alternative text"),
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Caption"),
        help_text=_("Optional; shown under the image for everyone."),
    )

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _("An image with alternative text and an optional caption.")

    def get_preview_value(self):
        image = get_image_model().objects.order_by("pk").first()
        return self.to_python(
            {
                "image": image and image.pk,
                "alt_text": "A clinic treatment room",
                "caption": "One of our outpatient facilities",
            }
        )

    def get_api_representation(self, value, context=None):
        return {
            "image": image_data(value["image"], alt_text=value["alt_text"]),
            "alt_text": value["alt_text"],
            "caption": value["caption"],
        }

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                {"alt_text": ValidationError(_("Every image needs alternative text."))}
            )
        return value


class StatisticBlock(blocks.StructBlock):
    """A figure from the library of claims, shown with its source and period."""

    claim = ScopedSnippetChooserBlock(
        "cms.Claim",
        label=_("Claim"),
        help_text=_("A figure from the library of claims, where its evidence and expiry are kept."),
    )

    class Meta:
        icon = "success"
        template = "blocks/statistic.html"
        label = _("Statistic")
        description = _("A substantiated figure with its source and period.")

    def resolve(self, value, context):
        """The chosen claim in the language of the page that shows it."""
        return ContentScope.of_context(context).snippet(value["claim"])

    def get_api_representation(self, value, context=None):
        return {"claim": claim_data(self.resolve(value, context))}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["claim"] = self.resolve(value, parent_context)
        return context

    def get_preview_value(self):
        claim = apps.get_model("cms", "Claim").objects.first()
        return self.to_python({"claim": claim and claim.pk})


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        max_length=250,
        label=_("Question"),
        help_text=_("As a patient would ask it, e.g. Will I stay overnight?"),
    )
    answer = RichTextBlock(
        label=_("Answer"), help_text=_("A direct answer first, then any detail.")
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")
        help_text = _("One question with its answer.")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        default=_("Frequently asked questions"),
        label=_("Heading"),
        help_text=_("Shown above the questions."),
    )
    items = blocks.ListBlock(
        FAQItemBlock(),
        min_num=1,
        label=_("Questions"),
        help_text=_("Each question opens on its own; put the most asked first."),
    )

    class Meta:
        icon = "help"
        template = "blocks/faq.html"
        label = _("FAQ")
        description = _("Questions and answers, each opening on its own.")
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Will I stay overnight?",
                    "answer": RichText("<p>Most patients go home the same day.</p>"),
                }
            ],
        }


class VideoBlock(blocks.StructBlock):
    """A link to a video, with a transcript: nothing from the video host loads on our pages."""

    url = blocks.URLBlock(
        label=_("Video address"), help_text=_("The video's address, starting with https://")
    )
    title = blocks.CharBlock(
        max_length=150,
        label=_("Title"),
        help_text=_("What the video shows, as the link's text."),
    )
    transcript = blocks.TextBlock(
        required=False,
        label=_("Transcript"),
        help_text=_("What is said in the video, for people who cannot watch or hear it."),
    )

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        label = _("Video")
        description = _("A titled link to a video with an optional transcript.")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=example",
            "title": "What to expect on the day of surgery",
            "transcript": "Our surgeon walks through the day, from check-in to going home.",
        }

    def clean(self, value):
        value = super().clean(value)
        if urlparse(value["url"]).scheme != "https":
            raise StructBlockValidationError(
                {"url": ValidationError(_("Use a secure address starting with https://"))}
            )
        return value
