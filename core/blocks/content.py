"""General content blocks: headings, text, images, figures, FAQs, video links."""

from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from serialization.representation import image_data, serialize_rich_text

BODY_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Subheading (h3)"))],
        default="h2",
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
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

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
    figure = blocks.CharBlock(max_length=20, help_text=_("e.g. 95%"))
    label = blocks.CharBlock(max_length=200)
    source = blocks.CharBlock(
        max_length=200,
        help_text=_("Where the figure comes from; required for any claim about outcomes."),
    )

    class Meta:
        icon = "success"
        template = "blocks/statistic.html"
        label = _("Statistic")
        description = _("A figure with what it measures and its source.")
        preview_value = {
            "figure": "95%",
            "label": "of our patients would recommend their physician",
            "source": "Patient satisfaction survey",
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = RichTextBlock()

    class Meta:
        icon = "help"
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default=_("Frequently asked questions"))
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)

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

    url = blocks.URLBlock(help_text=_("The video's address, starting with https://"))
    title = blocks.CharBlock(max_length=150)
    transcript = blocks.TextBlock(required=False)

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
