def ids(*pages):
    """The ``id`` parameter of a batch of ``pages``."""
    return ",".join(str(page.pk) for page in pages)
