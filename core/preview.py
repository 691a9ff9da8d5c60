"""Preview modes that apps above core add to every page and previewable snippet the API serves.

Filled in ``AppConfig.ready()`` (partners adds one mode per partner front end that
may preview the object); ``ExtraPreviewModesMixin`` offers the modes and serves them.
A source has ``modes(obj)``, the ``(name, label)`` pairs it adds for that object, and
``serve(obj, request, mode_name)``, its answer for one of them or None for a mode
that is not its own.
"""

_sources = []


def register(source):
    if source not in _sources:
        _sources.append(source)


def extra_modes(obj):
    return [mode for source in _sources for mode in source.modes(obj)]


def serve(obj, request, mode_name):
    for source in _sources:
        response = source.serve(obj, request, mode_name)
        if response is not None:
            return response
    return None


class ExtraPreviewModesMixin:
    """Offers the registered sources' modes beside the model's own (before PreviewableMixin)."""

    @property
    def preview_modes(self):
        return [*super().preview_modes, *extra_modes(self)]

    def serve_preview(self, request, mode_name):
        response = serve(self, request, mode_name)
        return response if response is not None else super().serve_preview(request, mode_name)
