"""The image sizes that the site's templates show, made when an image is saved.

A rendition made on first view costs that visitor the image processing and
leaves the app server's memory grown by it; cms/api/tasks.py makes these, and
the API's sizes, as soon as an image is saved. Keep this list in step with the
``{% image %}`` and ``{% srcset_image %}`` tags in templates/: a test reads the
templates and names any size missing here.
"""

SITE_RENDITION_SPECS = (
    "fill-240x300",
    "fill-480x270",
    "fill-800x600",
    "height-48",
    "width-400",
    "width-640",
    "width-800",
    "width-1200",
    "width-1800",
)
