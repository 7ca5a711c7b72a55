"""Cover images: decoded, turned upright, stripped, shrunk to 600 px plus a 160 px thumbnail;
anything that is not a whole JPEG or PNG is refused with an error on the cover field."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms

from simpul.catalog.covers import UnreadableCover, prepare_cover
from simpul.catalog.indexing import drain_outbox
from simpul.catalog.models import Record
from simpul.catalog.tests.test_cataloguing import FORM

NEW = reverse("catalog:record-new")
ORIENTATION, MAKE, GPS = 0x0112, 0x010F, 0x8825


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def phone_photo(width: int = 1200, height: int = 800) -> bytes:
    """A JPEG as phones write it: stored sideways with EXIF orientation 6, a camera make and a
    GPS position, and an ICC profile."""
    image = Image.new("RGB", (width, height), (180, 40, 40))
    image.paste((20, 20, 200), (0, 0, width // 4, height))  # blue strip on the stored left
    exif = image.getexif()
    exif[ORIENTATION] = 6  # shown turned 90° clockwise
    exif[MAKE] = "Telepon Budi"
    exif.get_ifd(GPS)[2] = (5.0, 7.0, 0.0)  # latitude
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), icc_profile=profile, comment=b"rahasia")
    return buffer.getvalue()


def upload(data: bytes, name: str = "sampul.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def catalogue_with_cover(client, data: bytes, name: str = "sampul.jpg"):
    return client.post(NEW, {**FORM, "cover": upload(data, name)})


def test_a_phone_photo_is_turned_upright_shrunk_and_stripped_of_metadata(client_as, rina):
    assert catalogue_with_cover(client_as(rina), phone_photo()).status_code == 302
    record = Record.objects.get()
    with Image.open(record.cover.path) as cover:
        assert cover.format == "JPEG"
        assert cover.size == (400, 600)  # upright: portrait, long side 600
        assert (record.cover_width, record.cover_height) == (400, 600)
        assert not cover.getexif()
        assert "icc_profile" not in cover.info
        assert "comment" not in cover.info
        top = cover.convert("RGB").getpixel((200, 20))
        assert top[2] > 150  # the blue strip stored on the left is now on top
        assert top[0] < 80
    with Image.open(record.cover_thumb.path) as thumb:
        assert thumb.size == (107, 160)
        assert not thumb.getexif()
    assert record.thumb_size == (107, 160)
    assert b"Telepon Budi" not in Path(record.cover.path).read_bytes()


def test_a_transparent_png_lands_on_white_and_a_small_one_is_not_enlarged():
    image = Image.new("RGBA", (120, 90), (0, 0, 0, 0))
    image.paste((10, 90, 40, 255), (0, 0, 60, 90))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    prepared = prepare_cover(buffer)
    assert prepared.size == (120, 90)
    assert prepared.thumb_size == (120, 90)
    with Image.open(io.BytesIO(prepared.cover)) as cover:
        assert cover.mode == "RGB"
        assert min(cover.getpixel((110, 45))) > 245  # transparent became white


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.7 bukan gambar", "sampul.jpg"),
        (phone_photo()[:2000], "terpotong.jpg"),  # a JPEG cut short
        (b"GIF89a" + bytes(200), "sampul.gif"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "rusak.png"),
    ],
    ids=["pdf", "truncated-jpeg", "gif", "broken-png"],
)
def test_a_file_that_is_not_a_whole_jpeg_or_png_is_refused_on_the_cover_field(
    client_as, rina, data, name
):
    response = catalogue_with_cover(client_as(rina), data, name)
    assert response.status_code == 200
    assert response.context["form"].errors == {"cover": [str(UnreadableCover().message)]}
    html = response.content.decode()
    assert "Gambar sampul tidak dapat dibaca" in html
    assert not Record.objects.exists()


def test_the_cover_error_is_translated(client_as, rina):
    client = client_as(rina)
    client.cookies["simpul_bahasa"] = "en"
    html = catalogue_with_cover(client, b"bukan gambar").content.decode()
    assert "The cover image cannot be read" in html


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge canvas: a decompression bomb's first bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + bytes((width + 7) // 8)
    data = zlib.compress(row * 8)  # far fewer rows than claimed
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        (8_000, "Gambar sampul terlalu besar (8000×8000 piksel); batasnya 16 megapiksel."),
        (50_000, "Gambar sampul tidak dapat dibaca"),  # Pillow's own limit stops it on opening
    ],
    ids=["above-our-limit", "above-pillows-limit"],
)
def test_a_decompression_bomb_is_refused_before_it_is_decoded(client_as, rina, side, expected):
    response = catalogue_with_cover(client_as(rina), _png_claiming(side, side), "bom.png")
    assert response.context["form"].errors["cover"][0].startswith(expected)
    assert not Record.objects.exists()


def test_a_cover_over_2_mb_is_refused(client_as, rina):
    response = catalogue_with_cover(client_as(rina), b"\xff\xd8\xff" + bytes(2 * 1024 * 1024))
    assert response.context["form"].errors == {"cover": ["Gambar sampul lebih dari 2 MB."]}


def test_hits_show_the_thumbnail_and_the_record_page_the_cover_with_their_sizes(
    client_as, rina, client
):
    catalogue_with_cover(client_as(rina), phone_photo())
    record = Record.objects.get()
    drain_outbox()
    client.logout()
    hits = client.get(reverse("catalog:search"), {"q": "Sejarah Kota Metro"}).content.decode()
    thumb = re.search(r'<img class="thumb"[^>]*>', hits).group(0)
    assert f'src="{record.cover_thumb.url}"' in thumb
    assert 'width="107" height="160" loading="lazy"' in thumb
    assert record.cover_thumb.url.startswith("/media/covers/thumbs/")
    page = client.get(reverse("catalog:record", args=[record.pk])).content.decode()
    cover = re.search(r'<img class="cover"[^>]*>', page).group(0)
    assert f'src="{record.cover.url}"' in cover
    assert 'width="400" height="600" loading="lazy"' in cover


def test_a_hit_without_a_cover_has_no_image(client, shelf):
    hits = client.get(reverse("catalog:search"), {"q": "Laskar"}).content.decode()
    assert "<img" not in hits.split('class="hit-list"')[1]


def test_a_new_cover_replaces_the_old_files_once_committed(
    client_as, rina, django_capture_on_commit_callbacks
):
    client = client_as(rina)
    catalogue_with_cover(client, phone_photo())
    record = Record.objects.get()
    old = [Path(record.cover.path), Path(record.cover_thumb.path)]
    edit = reverse("catalog:record-edit", args=[record.pk])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(edit, {**FORM, "cover": upload(phone_photo(1000, 800))})
    assert response.status_code == 302
    assert len(callbacks) == 2
    record.refresh_from_db()
    assert (record.cover_width, record.cover_height) == (480, 600)
    assert Path(record.cover.path).exists()
    assert Path(record.cover_thumb.path).exists()
    assert not any(path.exists() for path in old)


def test_covers_are_served_with_long_caching_and_nothing_else_under_media_is(
    client_as, rina, client, settings
):
    catalogue_with_cover(client_as(rina), phone_photo())
    record = Record.objects.get()
    client.logout()
    for url in (record.cover.url, record.cover_thumb.url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")
    imports = Path(settings.MEDIA_ROOT) / "imports"
    imports.mkdir(parents=True)
    (imports / "koleksi.jpg").write_bytes(b"catalogue file")
    (Path(settings.MEDIA_ROOT) / "covers" / "catatan.html").write_text("<script>")
    for url in ("/media/imports/koleksi.jpg", "/media/covers/catatan.html",
                "/media/covers/tidak-ada.jpg"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    # A path out of covers/ is refused as suspicious.
    assert client.get("/media/covers/../imports/koleksi.jpg").status_code == 400


def test_a_truncated_jpeg_is_refused_even_after_weasyprint_relaxed_pillow(monkeypatch):
    import weasyprint  # noqa: F401  (importing it sets LOAD_TRUNCATED_IMAGES, for labels)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    with pytest.raises(UnreadableCover):
        prepare_cover(io.BytesIO(phone_photo()[:2000]))
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it
