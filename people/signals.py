"""A revocation (or a shortened expiry) saved in the admin takes the testimonial down at once."""

from people.models import Testimonial


def withdraw_when_lapsed(instance, raw=False, **kwargs):
    if raw:
        return
    translation_key = Testimonial.objects.filter(pk=instance.testimonial_id).values(
        "translation_key"
    )
    for testimonial in Testimonial.objects.withdrawn_by_consent().filter(
        translation_key__in=translation_key
    ):
        testimonial.withdraw()
