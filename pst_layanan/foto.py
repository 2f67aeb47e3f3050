"""What the office keeps of a visitor's photo or scan.

A phone writes into every JPEG and PNG where and when it was taken (GPS), the
phone's make and serial, and often a thumbnail: personal data the service does
not need, which UU 27/2022 says not to collect. `berkas.tanpa_metadata` drops those
blocks from a requirement or proof before it is stored. The picture's own
bytes are copied as they are, never re-encoded; a photo keeps its orientation
(so a photo taken upright still shows upright) and its colour profile. Other
files (PDF) are stored as sent.

It also tells where a file's compressed picture data lies, the bytes that
are not read for markup (`berkas.kenali`).
"""

from __future__ import annotations

import re
import struct
import zlib

from PIL import Image

# JPEG segments that only describe the photo: APP1 (EXIF, XMP), APP12
# ("Ducky"), APP13 (Photoshop/IPTC: captions, names, places), COM (comments).
_SEGMEN_METADATA = {0xE1, 0xEC, 0xED, 0xFE}
_MPF = b"MPF\0"  # APP2 index of a multi-picture JPEG: the pictures after the first carry their own EXIF
_SOS, _EOI = 0xDA, 0xD9
# Markers with no length after them (TEM, restart, SOI): two bytes, then the next marker.
_TANPA_PANJANG = {0x01, *range(0xD0, 0xD9)}
_ORIENTASI = 0x0112
# PNG chunks of text and EXIF (of which the orientation is kept); every other
# chunk (the picture, its colours, an animation's frames) is kept.
_CHUNK_METADATA = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
# PNG chunks of compressed picture data (an animation's frames: fdAT).
_CHUNK_GAMBAR = {b"IDAT", b"fdAT"}
# The end of a JPEG scan: a marker other than a stuffed 0xFF (FF 00) or a restart, after any fill bytes.
_AKHIR_SCAN = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")
_POTONGAN = 1024 * 1024


def jpeg_tanpa_metadata(data: bytes) -> bytes | None:
    keluar, exif_dibaca = [data[:2]], False
    for penanda, segmen in _segmen(data):
        if penanda == _SOS:
            return b"".join(keluar) + _gambar_pertama(data, segmen)
        isi = segmen[4:]
        if penanda == 0xE1 and isi.startswith(b"Exif\0\0"):
            # Viewers turn the picture by the first EXIF only; a later one is dropped whole.
            keluar.append(b"" if exif_dibaca else _exif_orientasi(isi))
            exif_dibaca = True
        elif penanda not in _SEGMEN_METADATA and not (penanda == 0xE2 and isi.startswith(_MPF)):
            keluar.append(segmen)
    return None


def jpeg_utuh(data: bytes) -> bool:
    """The JPEG has picture data and the end of its first picture: one cut
    short (an interrupted transfer or copy) shows grey below the cut, one
    with no scan shows nothing."""
    for penanda, sos in _segmen(data):
        if penanda == _SOS:
            return data.find(bytes((0xFF, _EOI)), sos) >= 0
    return False


def _segmen(data: bytes):
    """(marker, segment bytes) of each segment before the first scan, then
    (SOS, the scan's offset) if there is one, read as decoders read them."""
    i = 2
    while i + 4 <= len(data):
        penanda = data[i + 1]
        if data[i] != 0xFF or penanda in (0x00, 0xFF):
            # Fill bytes, or stray bytes between segments (some writers pad
            # there), which decoders skip as well.
            i += 1
            continue
        if penanda in _TANPA_PANJANG:
            yield penanda, data[i : i + 2]
            i += 2
            continue
        if penanda == _SOS:
            yield penanda, i
            return
        # A length below 2 does not count its own two bytes; decoders step over those two.
        panjang = max(struct.unpack(">H", data[i + 2 : i + 4])[0], 2)
        yield penanda, data[i : i + 2 + panjang]
        i += 2 + panjang


def _gambar_pertama(data: bytes, sos: int) -> bytes:
    """From the first scan to the end of the first picture: a multi-picture
    JPEG's later pictures (with their own EXIF) follow its end marker. Inside
    the scans a 0xFF byte is always followed by 0x00 or a restart marker, so
    the first FF D9 is that end."""
    akhir = data.find(bytes((0xFF, _EOI)), sos)
    return data[sos:] if akhir < 0 else data[sos : akhir + 2]


def _exif_orientasi(isi: bytes) -> bytes:
    """An APP1 EXIF segment holding only the orientation, or nothing."""
    tiff = _tiff_orientasi(isi)
    return b"\xff\xe1" + struct.pack(">H", len(tiff) + 8) + b"Exif\0\0" + tiff if tiff else b""


def _tiff_orientasi(exif: bytes) -> bytes:
    """EXIF data (TIFF) holding only the orientation of `exif`, or nothing
    when the photo is upright or its EXIF unreadable. An orientation that is
    not one of the eight numbers (a fraction, a text) turns no viewer's
    picture and cannot be written back as the number the tag holds: it goes too."""
    try:
        orientasi = Image.Exif()
        orientasi.load(exif)
        nilai = orientasi.get(_ORIENTASI)
    except Exception:  # an unreadable EXIF is dropped whole
        return b""
    if not isinstance(nilai, int) or not 2 <= nilai <= 8:
        return b""
    baru = Image.Exif()
    baru[_ORIENTASI] = nilai
    return baru.tobytes().removeprefix(b"Exif\0\0")


def png_tanpa_metadata(data: bytes) -> bytes | None:
    keluar, i = [data[:8]], 8
    while i + 12 <= len(data):
        panjang, jenis = struct.unpack(">I4s", data[i : i + 8])
        potongan = data[i : i + 12 + panjang]
        if jenis == b"eXIf":
            # Viewers turn a PNG by its EXIF orientation as they turn a JPEG.
            keluar.append(_chunk_exif(potongan[8:-4]))
        elif jenis not in _CHUNK_METADATA:
            keluar.append(potongan)
        i += 12 + panjang
        if jenis == b"IEND":
            return b"".join(keluar)
    return None


def _chunk_exif(exif: bytes) -> bytes:
    """A PNG eXIf chunk holding only the orientation, or nothing."""
    tiff = _tiff_orientasi(exif)
    if not tiff:
        return b""
    return struct.pack(">I", len(tiff)) + b"eXIf" + tiff + struct.pack(">I", zlib.crc32(b"eXIf" + tiff))


def data_gambar_jpeg(berkas) -> list[tuple[int, int]]:
    """(start, end) offsets of the compressed picture data in a JPEG file:
    every scan of every picture (a multi-picture JPEG's next picture starts
    right after the end marker of the one before). Read by segment headers and
    in chunks, never whole: a delivered product may be hundreds of MB. What
    cannot be read as segments (stray bytes, a trailer) is not picture data."""
    rentang, i = [], 0
    while True:
        berkas.seek(i)
        kepala = berkas.read(4)
        if len(kepala) < 2 or kepala[0] != 0xFF:
            return rentang
        penanda = kepala[1]
        if penanda == _EOI:
            i += 2
            berkas.seek(i)
            if berkas.read(3) != b"\xff\xd8\xff":
                return rentang
        elif penanda == 0xFF:  # fill bytes before a marker: skipped in one read, not one by one
            i += _jumlah_isian(berkas, i + 1)
        elif penanda in _TANPA_PANJANG:
            i += 2
        elif len(kepala) < 4:
            return rentang
        else:
            i += 2 + max(struct.unpack(">H", kepala[2:4])[0], 2)
            if penanda == _SOS:
                akhir = _akhir_scan(berkas, i)
                rentang.append((i, akhir))
                i = akhir


def _jumlah_isian(berkas, awal: int) -> int:
    """How many 0xFF fill bytes run from `awal`, up to one chunk (at least 1,
    so the walk moves on): a JPEG may hold megabytes of them, which read one
    by one would cost an upload seconds."""
    berkas.seek(awal)
    blok = berkas.read(_POTONGAN)
    return max(len(blok) - len(blok.lstrip(b"\xff")), 1)


def _akhir_scan(berkas, awal: int) -> int:
    """The offset of the marker that ends the scan starting at `awal` (or the end of the file)."""
    berkas.seek(awal)
    dasar, sisa = awal, b""  # the offset of `sisa`, the fill bytes that ended the last chunk
    while potong := berkas.read(_POTONGAN):
        data = sisa + potong
        if cocok := _AKHIR_SCAN.search(data):
            return dasar + cocok.start()
        sisa = data[len(data.rstrip(b"\xff")) :]
        dasar += len(data) - len(sisa)
    return dasar + len(sisa)


def data_gambar_png(berkas) -> list[tuple[int, int]]:
    """(start, end) offsets of the compressed picture data in a PNG file: the
    IDAT and fdAT chunks' contents, up to the IEND chunk."""
    rentang, i = [], 8
    while True:
        berkas.seek(i)
        kepala = berkas.read(8)
        if len(kepala) < 8:
            return rentang
        panjang, jenis = struct.unpack(">I4s", kepala)
        if jenis in _CHUNK_GAMBAR:
            rentang.append((i + 8, i + 8 + panjang))
        i += 12 + panjang
        if jenis == b"IEND":
            return rentang
