"""The framework's floor for `make bench`: the cheapest answer Django can give."""

from django.http import HttpResponse


def floor(request):
    return HttpResponse(b"ok", content_type="text/plain")
