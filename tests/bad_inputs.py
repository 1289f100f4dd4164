"""Builds one file of each kind of bad input a batch meets, with the verdict the manifest must give.

`build(folder, samples)` writes the files and returns `EXPECTED`: name -> (status, reason,
a word the message must contain); `mixed_folder(folder, samples)` adds the `good` samples
beside them, the folder a batch test runs on. Everything is made here from code and the samples, small
enough for a fast test: no binary fixtures in the repository.
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

# name -> (status, reason, word in the message)
EXPECTED = {
    "empty.txt": ("failed", "empty", "empty"),
    "blank.txt": ("failed", "empty", "whitespace"),
    "truncated.pdf": ("failed", "corrupt", "truncated"),
    "truncated.docx": ("failed", "corrupt", "truncated"),
    "garbage.pdf": ("failed", "corrupt", "PDF"),
    "encrypted.pdf": ("failed", "encrypted", "password"),
    "renamed_zip.docx": ("failed", "not_docx", "ZIP"),
    "renamed_doc.docx": ("failed", "corrupt", "content is DOC"),
    "bomb.zip": ("failed", "zip_bomb", "ZIP bomb"),
    "huge.txt": ("failed", "too_large", "too large"),
    "english.txt": ("failed", "not_russian", "not Russian"),
    "scan_only.pdf": ("failed", "needs_ocr", "OCR"),
    "broken_link.txt": ("failed", "unreadable", "broken"),
    "binary.txt": ("failed", "binary", "binary"),
    "copy_of_sample.txt": ("duplicate", "duplicate", "identical"),
    "legacy_names.zip/Приказ №1 (cp866).txt": ("ok", None, None),
    "legacy_names.zip/Приказ №2 (cp1251).txt": ("ok", None, None),
    "notes.xlsx": ("skipped", "unsupported", "xlsx"),
    "README.md": ("skipped", "not_document", "README"),
}
HUGE_MB = 1  # the test runs with --max-size-mb 1; every sample used is smaller

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    """A one-page PDF under the standard security handler (RC4 40-bit, revision 2)."""
    pad = lambda pw: (pw + PAD)[:32]  # noqa: E731
    o = rc4(hashlib.md5(pad(owner_password)).digest()[:5], pad(user_password))
    p, file_id = -44, b"0123456789abcdef"
    key = hashlib.md5(pad(user_password) + o + p.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    u = rc4(key, PAD)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + o.hex().encode() + b"> /U <" + u.hex().encode()
            + b"> /P " + str(p).encode() + b" >>"]
    return _pdf(objs, b"/Encrypt 4 0 R /ID [<" + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">]")


def _pdf(objs: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objs) + 1) + trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def image_only_pdf() -> bytes:
    """A 'scan': one page that is a picture of text, with no text layer."""
    from PIL import Image, ImageDraw
    img = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(img).text((20, 20), "PRIKAZ No 1 (scanned)", fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PDF", resolution=72)
    return buf.getvalue()


def zip_bomb(unpacked_mb: int = 3 * HUGE_MB + 40) -> bytes:
    """A ZIP whose one member expands over a thousand times (zeros)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("orders.txt", "w") as f:
            block = b"\0" * 2**20
            for _ in range(unpacked_mb):
                f.write(block)
    return buf.getvalue()


class RawNameInfo(zipfile.ZipInfo):
    """A ZipInfo that writes its name as given bytes, without the UTF-8 flag."""

    def __init__(self, raw: bytes):
        super().__init__(raw.hex(), date_time=(2024, 1, 1, 0, 0, 0))
        self.raw_name = raw
        self.compress_type = zipfile.ZIP_DEFLATED

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's name
        return self.raw_name, self.flag_bits & ~0x800


def legacy_names_zip(texts: dict[str, bytes]) -> bytes:
    """A ZIP whose member names are cp866 / cp1251 bytes without the UTF-8 flag (old Windows archivers)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in texts.items():
            enc = "cp866" if "cp866" in name else "cp1251"
            z.writestr(RawNameInfo(name.encode(enc)), data)
    return buf.getvalue()


def renamed_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("photos/readme.txt", "not a Word document")
    return buf.getvalue()


def fake_doc() -> bytes:
    """An OLE2 compound file header followed by junk: what a renamed, damaged .doc looks like."""
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + os.urandom(0) + b"junk" * 300


def build(folder: Path, samples: Path) -> dict[str, tuple]:
    """Write every bad input into `folder`; returns EXPECTED."""
    folder.mkdir(parents=True, exist_ok=True)
    txt = sorted(samples.glob("*.txt"))[0]
    pdf = next(p for p in sorted(samples.glob("*.pdf")) if not p.name.endswith(".scan.pdf"))
    docx = sorted(samples.glob("*.docx"))[0]
    w = lambda name, data: (folder / name).write_bytes(data)  # noqa: E731
    w("empty.txt", b"")
    w("blank.txt", b"  \n\n \t\n")
    data = pdf.read_bytes()
    w("truncated.pdf", data[: len(data) // 2])
    data = docx.read_bytes()
    w("truncated.docx", data[: len(data) // 2])
    w("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8)
    w("encrypted.pdf", encrypted_pdf())
    w("renamed_zip.docx", renamed_zip())
    w("renamed_doc.docx", fake_doc())
    w("bomb.zip", zip_bomb())
    w("huge.txt", ("Приказ об утверждении плана мероприятий.\n" * 30000).encode("utf-8"))
    w("english.txt", ("This order approves the roadmap of measures for the schools of the district. " * 40).encode())
    w("scan_only.pdf", image_only_pdf())
    os.symlink(folder / "no_such_target.txt", folder / "broken_link.txt")
    w("binary.txt", bytes(range(256)) * 16)
    w("copy_of_sample.txt", txt.read_bytes())
    base = txt.read_bytes()
    w("legacy_names.zip", legacy_names_zip({
        "Приказ №1 (cp866).txt": base + "\nПриложение 1.\n".encode("utf-8"),
        "Приказ №2 (cp1251).txt": base + "\nПриложение 2.\n".encode("utf-8"),
    }))
    w("notes.xlsx", b"PK\x03\x04 not really")
    w("README.md", b"# Orders of 2024\nCollected by hand.\n")
    return EXPECTED


def good(samples: Path) -> list[str]:
    """The samples a batch must parse: every TXT seed and one DOCX."""
    return sorted(p.name for p in samples.glob("*.txt")) + [sorted(p.name for p in samples.glob("*.docx"))[0]]


def mixed_folder(folder: Path, samples: Path) -> Path:
    """`folder` holding the good samples and every bad input."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in good(samples):
        shutil.copy(samples / name, folder / name)
    build(folder, samples)
    return folder
