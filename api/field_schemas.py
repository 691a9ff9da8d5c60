"""API v3 read schemas of time and date-time fields, registered with Wagtail's generator.

- A time of day (opening hours) is local to its location and has no offset, which
  OpenAPI's ``format: time`` (RFC 3339 full-time) requires; it is served as
  ``HH:MM``, as v2 serves it, and described by a pattern.
- A date-time is always given in UTC (``…Z``): values read from the database
  already are, but an object just written keeps the offset it was sent with, and
  one read from a revision (a draft's ``meta.first_published_at``) the offset of
  ``TIME_ZONE``. Fields the generator builds resolve to UTC; ``UTCJSONRenderer``
  gives every other date-time of an answer (Wagtail's own meta fields) in UTC too.
"""

import datetime

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from pydantic.fields import FieldInfo

TIME_OF_DAY_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


def time_of_day_schema(generator, field):
    field_name = field.name

    def resolve(obj, context):
        value = getattr(obj, field_name)
        return value.isoformat(timespec="minutes") if value is not None else None

    default = FieldInfo(
        default=None,
        pattern=TIME_OF_DAY_PATTERN,
        description="Local time of day, HH:MM (24-hour), with no offset.",
    )
    return str | None, default, staticmethod(resolve)


def utc_datetime_schema(generator, field):
    field_name = field.name

    def resolve(obj, context):
        value = getattr(obj, field_name)
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(datetime.UTC)

    return datetime.datetime | None, FieldInfo(default=None), staticmethod(resolve)


def register_v3_field_schemas():
    from django.db.models import DateTimeField, TimeField
    from wagtail.api.v3.schemas.generators.read import read_generator

    read_generator.register_field_schema(TimeField, time_of_day_schema)
    read_generator.register_field_schema(DateTimeField, utc_datetime_schema)


class UTCJSONEncoder(NinjaJSONEncoder):
    """Django's encoder (``…Z`` for UTC), given every aware date-time in UTC."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and o.tzinfo is not None:
            o = o.astimezone(datetime.UTC)
        return super().default(o)


class UTCJSONRenderer(JSONRenderer):
    encoder_class = UTCJSONEncoder
