"""Preview modes that apps above core add to every page the API serves.

Filled in ``AppConfig.ready()`` (partners adds one mode per partner front end that
may preview the page); ``core.models.APIPageMixin`` offers the modes and serves them.
A source has ``modes(page)``, the ``(name, label)`` pairs it adds for that page, and
``serve(page, request, mode_name)``, its answer for one of them or None for a mode
that is not its own.
"""

_sources = []


def register(source):
    if source not in _sources:
        _sources.append(source)


def extra_modes(page):
    return [mode for source in _sources for mode in source.modes(page)]


def serve(page, request, mode_name):
    for source in _sources:
        response = source.serve(page, request, mode_name)
        if response is not None:
            return response
    return None
