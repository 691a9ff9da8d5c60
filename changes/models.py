from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class ChangeEvent(models.Model):
    """One change of published content, written in the transaction that made it (the outbox).

    ``sequence`` orders the events. On PostgreSQL an identity value is taken when
    the row is inserted, not when its transaction commits, so on its own a later
    transaction could commit a smaller number after a reader has passed it.
    ``changes.outbox.record`` therefore takes a transaction-scoped advisory lock
    before inserting: transactions that record events hold it until they commit
    or roll back, so events become visible in sequence order and a reader that
    has seen sequence N will never later see a committed event numbered below N.
    (SQLite serializes all writers, which gives the same order.) Numbers may have
    gaps: a rolled-back transaction uses some and writes nothing.
    """

    class Kind(models.TextChoices):
        PUBLISHED = "published"
        UNPUBLISHED = "unpublished"
        DELETED = "deleted"
        MOVED = "moved"
        TRANSLATION_PUBLISHED = "translation_published"
        SNIPPET_PUBLISHED = "snippet_published"
        SNIPPET_CHANGED = "snippet_changed"
        SNIPPET_DELETED = "snippet_deleted"
        WITHDRAWN = "withdrawn"
        MADE_PUBLIC = "made_public"
        PAGE_CHANGED = "page_changed"

    sequence = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    # Plain numbers, not foreign keys: the event outlives its site and revision.
    site_id = models.BigIntegerField(null=True, blank=True)
    locale_code = models.CharField(max_length=20, blank=True)
    translation_key = models.UUIDField(null=True, blank=True)
    revision_id = models.BigIntegerField(null=True, blank=True)
    url = models.CharField(max_length=2048, blank=True)
    api_url = models.CharField(max_length=2048, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["site_id", "sequence"], name="changes_site_sequence")]

    def __str__(self):
        return f"#{self.sequence} {self.kind} {self.content_type.model} {self.object_id}"

    def payload(self):
        """What a subscriber is told: which object changed and where to read it, not its content."""
        return {
            "sequence": self.sequence,
            "type": self.kind,
            "id": self.object_id,
            "content_type": f"{self.content_type.app_label}.{self.content_type.model}",
            "site": self.site_id,
            "locale": self.locale_code or None,
            "translation_key": str(self.translation_key) if self.translation_key else None,
            "revision": self.revision_id,
            "url": self.url or None,
            "api_url": self.api_url or None,
            "created_at": self.created_at.isoformat(),
        }
