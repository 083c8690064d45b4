"""Minimal valid PDFs of a chosen size, for the benchmark corpus (stdlib only).

One page: a catalog, a page tree, a page whose content stream draws a grey image XObject and a
line of text in Helvetica. The image's pixels are pseudo-random bytes (deterministic from a
seed), compressed with FlateDecode at level 0 (stored blocks: valid deflate data that does not
shrink), so the file reaches its size and every stream decodes. The cross-reference table holds
the real byte offsets, and a comment line pads the file to the exact size asked.

`qpdf --check` passes on these files (bench/corpus.py --verify checks a sample).
"""

import hashlib
import zlib

# Bytes that would make indigate's polyglot scanner see a ZIP inside the PDF. Pseudo-random
# data holds one by chance about once in 4 GB; they are replaced so the corpus never trips it.
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")


def random_bytes(seed, n):
    """n pseudo-random bytes, the same for the same seed (SHAKE-256 is fast: ~200 MB/s)."""
    return hashlib.shake_256(seed.encode() if isinstance(seed, str) else seed).digest(n)


def make_pdf(size, seed, title="Prikaz No 17 ot 01.09.2020"):
    """A valid one-page PDF of exactly `size` bytes (at least 2 KB)."""
    size = max(size, 2048)
    # Everything but the image's pixels, generously: the objects, the xref table and the stored
    # deflate blocks' 5-byte headers (one per 16 KB or more). The rest is padded below.
    overhead = 1400 + 5 * (size // 16384 + 1)
    width = 1000
    height = max(1, (size - overhead) // width)
    pixels = random_bytes(seed, width * height)
    for signature in _ZIP_SIGNATURES:
        pixels = pixels.replace(signature, b"PK\x00\x00")
    image = zlib.compress(pixels, 0)
    for signature in _ZIP_SIGNATURES:  # block headers of stored deflate are not random: check
        assert signature not in image
    content = (
        "q 595 0 0 842 0 0 cm /Im1 Do Q\n"
        f"BT /F1 14 Tf 72 790 Td ({title}) Tj ET\n"
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(image))
        + image + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Producer (indigate bench/pdf.py) /Title (" + title.encode("ascii") + b") >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    # Pad with a comment line so that the whole file is exactly `size` bytes. The tail's length
    # depends on the digits of its own offset: settle it in two rounds.
    body = len(out)
    xref_at = body
    for _ in range(2):
        missing = size - body - len(_xref_and_trailer(offsets, xref_at, len(objects)))
        xref_at = body + (missing if missing >= 3 else 0)
    if missing >= 3:
        out += b"%" + b" " * (missing - 2) + b"\n"
    out += _xref_and_trailer(offsets, len(out), len(objects))
    return bytes(out)


def _xref_and_trailer(offsets, xref_at, count):
    lines = [b"xref\n", b"0 %d\n" % (count + 1), b"0000000000 65535 f \n"]
    lines += [b"%010d 00000 n \n" % offset for offset in offsets]
    lines.append(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (count + 1, count))
    lines.append(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return b"".join(lines)


if __name__ == "__main__":
    import sys

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    sys.stdout.buffer.write(make_pdf(size, "demo"))
