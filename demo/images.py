"""Demo images, drawn locally with Pillow: gradients and soft shapes, with no text on them.

Nothing is downloaded. Each image is drawn from a seeded random generator, so
the same title always gives the same picture. Images live in a "Demo"
collection and are looked up there by title.
"""

import io
import math
import random

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Collection

COLLECTION_NAME = "Demo"
WIDE = (1600, 900)
SQUARE = (900, 900)

# (top colour, bottom colour, accent colour)
PALETTES = {
    "teal": ((12, 84, 102), (38, 152, 160), (255, 200, 128)),
    "navy": ((22, 38, 88), (64, 112, 184), (255, 214, 150)),
    "plum": ((70, 36, 90), (152, 86, 142), (255, 222, 176)),
    "forest": ((20, 74, 60), (86, 152, 112), (250, 232, 164)),
    "sunset": ((170, 70, 52), (240, 164, 96), (255, 244, 222)),
    "slate": ((38, 50, 62), (112, 132, 152), (255, 204, 128)),
    "sky": ((70, 130, 200), (196, 224, 244), (255, 236, 170)),
}

# key: (title, painter, palette, description). The description is the image's alt text
# (Image.default_alt_text): what the drawing shows. No text is drawn on the pictures, as the
# crops of cards, heroes and portraits would cut it: captions belong in the page's HTML.
IMAGE_SPECS = {
    "home": (
        "Demo: North American Spine welcome",
        "spine",
        "teal",
        "An illustration of a spine, its vertebrae in white and its discs highlighted",
    ),
    "lumbar-foraminotomy": (
        "Demo: Lumbar Foraminotomy",
        "spine",
        "navy",
        "An illustration of the spine, the discs of the lower back highlighted",
    ),
    "laminotomy-laminectomy": (
        "Demo: Laminotomy/Laminectomy",
        "spine",
        "plum",
        "An illustration of the spine, its vertebrae and discs",
    ),
    "microdiscectomy": (
        "Demo: Microdiscectomy",
        "spine",
        "forest",
        "An illustration of the spine, its discs highlighted",
    ),
    "cervical-foraminotomy": (
        "Demo: Cervical Foraminotomy",
        "spine",
        "slate",
        "An illustration of the spine, from the neck down",
    ),
    "spinal-cord-stimulation": (
        "Demo: Spinal Cord Stimulation",
        "spine",
        "sunset",
        "An illustration of the spine on a warm background",
    ),
    "sacroiliac-joint-fusion": (
        "Demo: Sacroiliac Joint Fusion",
        "spine",
        "teal",
        "An illustration of the spine down to the pelvis",
    ),
    "degenerative-disc-disease": (
        "Demo: Degenerative Disc Disease",
        "discs",
        "slate",
        "An illustration of a stack of spinal discs, one of them worn and bulging",
    ),
    "herniated-disc": (
        "Demo: Herniated Disc",
        "discs",
        "plum",
        "An illustration of a stack of spinal discs, one of them pushed out",
    ),
    "bulging-disc": (
        "Demo: Bulging Disc",
        "discs",
        "navy",
        "An illustration of a stack of spinal discs, one of them bulging",
    ),
    "spinal-stenosis": (
        "Demo: Spinal Stenosis",
        "discs",
        "forest",
        "An illustration of a stack of spinal discs narrowing the space between them",
    ),
    "sacroiliac-joint-dysfunction": (
        "Demo: Sacroiliac Joint Dysfunction",
        "discs",
        "sunset",
        "An illustration of a stack of spinal discs, one of them highlighted",
    ),
    "dallas-tx": (
        "Demo: Dallas facility exterior",
        "building",
        "sky",
        "An illustration of the Dallas facility, a low building under a bright sun",
    ),
    "dallas-tx-lobby": (
        "Demo: Dallas facility lobby",
        "interior",
        "teal",
        "An illustration of the Dallas lobby: a reception desk and chairs",
    ),
    "dallas-tx-suite": (
        "Demo: Dallas procedure suite",
        "interior",
        "navy",
        "An illustration of the Dallas procedure suite",
    ),
    "atlanta-ga": (
        "Demo: Atlanta facility exterior",
        "building",
        "sunset",
        "An illustration of the Atlanta facility, a low building at sunset",
    ),
    "atlanta-ga-lobby": (
        "Demo: Atlanta facility lobby",
        "interior",
        "forest",
        "An illustration of the Atlanta lobby: a reception desk and chairs",
    ),
    "atlanta-ga-suite": (
        "Demo: Atlanta recovery suite",
        "interior",
        "slate",
        "An illustration of the Atlanta recovery suite",
    ),
    "phoenix-az": (
        "Demo: Phoenix facility exterior",
        "building",
        "sunset",
        "An illustration of the Phoenix facility, a low building in the sun",
    ),
    "phoenix-az-lobby": (
        "Demo: Phoenix facility lobby",
        "interior",
        "plum",
        "An illustration of the Phoenix lobby: a reception desk and chairs",
    ),
    "phoenix-az-suite": (
        "Demo: Phoenix imaging room",
        "interior",
        "teal",
        "An illustration of the Phoenix imaging room",
    ),
    "daniel-okafor": (
        "Demo: portrait of Dr. Daniel Okafor",
        "portrait",
        "navy",
        "An illustrated portrait standing in for Dr. Daniel Okafor's photo",
    ),
    "priya-raman": (
        "Demo: portrait of Dr. Priya Raman",
        "portrait",
        "plum",
        "An illustrated portrait standing in for Dr. Priya Raman's photo",
    ),
    "michael-hargrove": (
        "Demo: portrait of Dr. Michael Hargrove",
        "portrait",
        "forest",
        "An illustrated portrait standing in for Dr. Michael Hargrove's photo",
    ),
    # The affiliate's own locations, last: the network's images keep their ids.
    "fort-worth-tx": (
        "Demo: Fort Worth facility exterior",
        "building",
        "forest",
        "An illustration of the Fort Worth facility, a low building among trees",
    ),
    "arlington-tx": (
        "Demo: Arlington facility exterior",
        "building",
        "teal",
        "An illustration of the Arlington facility, a low building by a wide street",
    ),
}


# --- Drawing ------------------------------------------------------------------------


def _gradient(size, top, bottom):
    vertical = PillowImage.linear_gradient("L")
    diagonal = PillowImage.blend(vertical, vertical.rotate(90), 0.3)
    mask = diagonal.resize(size)
    return PillowImage.composite(
        PillowImage.new("RGB", size, bottom), PillowImage.new("RGB", size, top), mask
    )


def _overlay(canvas, draw_on_layer, blur=0):
    layer = PillowImage.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw_on_layer(ImageDraw.Draw(layer), layer.size)
    if blur:
        layer = layer.filter(ImageFilter.GaussianBlur(blur))
    return PillowImage.alpha_composite(canvas, layer)


def _bubbles(rng, accent):
    def draw(draw, size):
        width, height = size
        for _ in range(7):
            radius = rng.randint(height // 10, height // 3)
            x, y = rng.randint(0, width), rng.randint(0, height)
            colour = (255, 255, 255, rng.randint(18, 40)) if rng.random() < 0.7 else (*accent, 40)
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)

    return draw


def _spine(rng, accent, count=9):
    """A gently curved column of vertebrae with discs between them."""

    def draw(draw, size):
        width, height = size
        centre = width * rng.uniform(0.62, 0.74)
        step = height * 0.82 / count
        for index in range(count):
            y = height * 0.08 + index * step
            x = centre + math.sin(index / (count - 1) * math.pi) * width * 0.05
            half = width * (0.035 + 0.02 * index / count)
            body = step * 0.66
            draw.rounded_rectangle(
                (x - half, y, x + half, y + body), radius=body / 3, fill=(255, 255, 255, 200)
            )
            draw.ellipse(
                (x - half * 0.9, y + body + 2, x + half * 0.9, y + step - 2), fill=(*accent, 220)
            )

    return draw


def _discs(rng, accent):
    """A stack of discs seen from the side, one of them bulging in the accent colour."""

    def draw(draw, size):
        width, height = size
        x = width * 0.68
        bulge = rng.randint(1, 3)
        for index in range(5):
            y = height * (0.14 + index * 0.15)
            draw.rounded_rectangle(
                (x - 150, y, x + 150, y + 80), radius=24, fill=(255, 255, 255, 190)
            )
            wide = 205 if index == bulge else 135
            colour = (*accent, 235) if index == bulge else (255, 255, 255, 120)
            draw.ellipse((x - wide, y + 86, x + wide, y + 122), fill=colour)

    return draw


def _building(rng, accent):
    def draw(draw, size):
        width, height = size
        sun = height // 7
        draw.ellipse(
            (width * 0.78 - sun, height * 0.2 - sun, width * 0.78 + sun, height * 0.2 + sun),
            fill=(*accent, 230),
        )
        ground = height * 0.82
        draw.rectangle((0, ground, width, height), fill=(40, 60, 60, 160))
        left = width * 0.18
        for floors, span in ((5, 0.34), (3, 0.22)):
            top = ground - floors * height * 0.11
            right = left + width * span
            draw.rectangle((left, top, right, ground), fill=(255, 255, 255, 215))
            for floor in range(floors):
                row = top + floor * height * 0.11 + height * 0.03
                column = left + width * 0.02
                while column + width * 0.04 < right:
                    draw.rectangle(
                        (column, row, column + width * 0.035, row + height * 0.05),
                        fill=(60, 110, 150, 200),
                    )
                    column += width * 0.055
            left = right + width * 0.01

    return draw


def _interior(rng, accent):
    def draw(draw, size):
        width, height = size
        floor = height * 0.7
        draw.rectangle((0, floor, width, height), fill=(255, 255, 255, 60))
        for index in range(4):
            x = width * (0.15 + index * 0.22)
            draw.ellipse((x - 26, height * 0.1, x + 26, height * 0.1 + 52), fill=(*accent, 200))
        draw.rounded_rectangle(
            (width * 0.12, floor - 150, width * 0.52, floor + 40),
            radius=30,
            fill=(255, 255, 255, 200),
        )
        for index in range(3):
            x = width * (0.6 + index * 0.11)
            draw.rounded_rectangle(
                (x, floor - 90, x + 120, floor + 30), radius=22, fill=(*accent, 170)
            )

    return draw


def _portrait(rng, accent):
    def draw(draw, size):
        width, height = size
        cx = width / 2
        draw.ellipse((cx - 380, height * 0.62, cx + 380, height * 1.35), fill=(255, 255, 255, 200))
        draw.ellipse((cx - 150, height * 0.2, cx + 150, height * 0.2 + 320), fill=(*accent, 235))

    return draw


PAINTERS = {
    "spine": _spine,
    "discs": _discs,
    "building": _building,
    "interior": _interior,
    "portrait": _portrait,
}


def draw_image(title, painter, palette):
    """The demo picture as JPEG bytes: an illustration with no text on it."""
    rng = random.Random(title)
    top, bottom, accent = PALETTES[palette]
    size = SQUARE if painter == "portrait" else WIDE
    canvas = _gradient(size, top, bottom).convert("RGBA")
    canvas = _overlay(canvas, _bubbles(rng, accent), blur=8)
    canvas = _overlay(canvas, PAINTERS[painter](rng, accent), blur=1)
    buffer = io.BytesIO()
    canvas.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


# --- Storing --------------------------------------------------------------------------


def ensure_collection(ctx):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=COLLECTION_NAME)
        ctx.report.add_created("Collections")
    else:
        ctx.report.add_present("Collections")
    ctx.collection = collection
    return collection


def ensure_images(ctx):
    """Every demo image, keyed in ctx.images by its spec key."""
    image_model = get_image_model()
    collection = ensure_collection(ctx)
    for key, (title, painter, palette, description) in IMAGE_SPECS.items():
        image = image_model.objects.filter(collection=collection, title=title).first()
        if image is not None:
            ctx.report.add_present("Images")
        else:
            content = draw_image(title, painter, palette)
            image = image_model(
                title=title,
                description=description,
                collection=collection,
                file=ImageFile(io.BytesIO(content), name=f"demo-{slugify(key)}.jpg"),
            )
            image._set_image_file_metadata()
            image.full_clean()
            image.save()
            ctx.written_files.append((image.file.storage, image.file.name))
            ctx.report.add_created("Images")
        ctx.images[key] = image
    return ctx.images
