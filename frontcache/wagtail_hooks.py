from wagtail import hooks

from frontcache.render_cache import note_query_parameters_read


@hooks.register("before_serve_page")
def note_what_the_page_reads(page, request, serve_args, serve_kwargs):
    # The render cache keys a page's answers by the query parameters its type reads.
    note_query_parameters_read(request, page)
