"""Cover images: an upload becomes a clean JPEG for the record page and a thumbnail for hits.

Every upload is decoded and drawn again, never stored as sent: the orientation a phone wrote in
EXIF is applied, colours are converted to sRGB, transparency lands on white, and nothing of
the original file is kept (no EXIF, GPS position, ICC profile or comments). See
docs/decisions/0007-cover-images.md.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from simpul.lib.errors import SimpulError

COVER_SIZE = 600  # long side of the cover on the record page, in pixels
THUMB_SIZE = 160  # long side of the thumbnail in search hits
JPEG_QUALITY = 82
MAX_BYTES = 2 * 1024 * 1024
# A 2 MB upload may still declare a huge canvas (a "decompression bomb"). 16 megapixels is more
# than a phone photo that fits in 2 MB; a PNG that large decodes in under 1 s and 150 MB.
MAX_PIXELS = 16_000_000
FORMATS = {"JPEG", "PNG"}

_SRGB = ImageCms.createProfile("sRGB")
_decoding = threading.Lock()


class UnreadableCover(SimpulError):
    code = "COVER_UNREADABLE"
    template = _("Gambar sampul tidak dapat dibaca: pilih berkas gambar JPEG atau PNG yang utuh.")


class CoverTooLarge(SimpulError):
    code = "COVER_TOO_LARGE"
    template = _(
        "Gambar sampul terlalu besar ({width}×{height} piksel); batasnya {limit} megapiksel."
    )


@dataclass(frozen=True)
class CoverImages:
    """A prepared cover: JPEG bytes of the cover and of its thumbnail, and their sizes."""

    cover: bytes
    size: tuple[int, int]
    thumb: bytes
    thumb_size: tuple[int, int]


def scaled(size: tuple[int, int], longest: int) -> tuple[int, int]:
    """``size`` shrunk (never enlarged) so that its long side is at most ``longest``."""
    width, height = size
    factor = min(1.0, longest / max(width, height, 1))
    return max(1, round(width * factor)), max(1, round(height * factor))


def prepare_cover(upload: IO[bytes]) -> CoverImages:
    """Decode ``upload`` and draw the cover and thumbnail; raises UnreadableCover or
    CoverTooLarge. Reads at most what Pillow needs; never trusts the file's own size claims."""
    try:
        with _strict_decoding(), warnings.catch_warnings():
            # Pillow warns, then fails, on images above its own pixel limit: refuse at once.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as opened:
                if opened.format not in FORMATS:
                    raise UnreadableCover()
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    raise CoverTooLarge(width=width, height=height, limit=MAX_PIXELS // 1_000_000)
                opened.draft("RGB", (COVER_SIZE, COVER_SIZE))  # JPEG: decode at a lower scale
                image = _upright_srgb(opened)
    except SimpulError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ) as error:
        raise UnreadableCover() from error
    image.thumbnail((COVER_SIZE, COVER_SIZE), Image.Resampling.LANCZOS)
    thumb = image.resize(scaled(image.size, THUMB_SIZE), Image.Resampling.LANCZOS)
    return CoverImages(_jpeg(image), image.size, _jpeg(thumb), thumb.size)


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """Refuse truncated files while decoding. WeasyPrint, once imported (labels), sets Pillow's
    process-wide LOAD_TRUNCATED_IMAGES, which would turn a cut-off upload into a grey cover."""
    with _decoding:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _upright_srgb(opened: Image.Image) -> Image.Image:
    """The decoded picture turned as its EXIF says, in sRGB, without transparency."""
    image = ImageOps.exif_transpose(opened) or opened
    image.load()
    profile = opened.info.get("icc_profile")
    if image.mode in ("P", "PA", "LA", "La", "RGBa") or "transparency" in image.info:
        image = image.convert("RGBA")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            output = "RGBA" if image.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=output)
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None  # a broken profile: keep the colours as they are
        if converted is not None:
            image = converted
    if image.mode == "RGBA":
        white = Image.new("RGB", image.size, (255, 255, 255))
        white.paste(image, mask=image.getchannel("A"))
        return white
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")  # 16-bit grey PNG
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # A fresh image carries no EXIF, ICC profile or comment unless asked: none are.
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()
