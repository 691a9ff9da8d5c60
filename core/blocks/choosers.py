"""Chooser blocks that load through the API scope and serve cards, never bare ids."""

from wagtail import blocks
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from serialization import prefetch
from serialization.content_scope import ContentScope
from serialization.representation import page_card


class ScopedBulkMixin:
    """In an API request, chosen objects come from the scope: a query per model, not per block."""

    scope_model = None

    def bulk_to_python(self, values):
        if prefetch.current_scope() is None:
            return super().bulk_to_python(values)
        found = prefetch.cached_many(self.scope_model or self.model_class, values, list)
        by_pk = {obj.pk: obj for obj in found}
        return [by_pk.get(prefetch.as_id(value)) for value in values]


class PageCardChooserBlock(ScopedBulkMixin, blocks.PageChooserBlock):
    scope_model = Page

    def get_api_representation(self, value, context=None):
        scope = ContentScope.of_context(context)
        return page_card(scope.page(value), scope)


class ScopedSnippetChooserBlock(ScopedBulkMixin, SnippetChooserBlock):
    pass
