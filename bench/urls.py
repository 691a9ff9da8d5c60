"""The site's addresses plus the benchmark's floor view, for the stack's settings only."""

from django.urls import path

from bench.views import floor
from cms.urls import handler400, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]

urlpatterns = [path("bench/floor/", floor), *urlpatterns]
