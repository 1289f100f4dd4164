"""Inputs of a batch run: folders, ZIP archives and files -> a flat, sorted list of `Item`s.

Every path the user gave is accounted for: a file that cannot be read, a broken link, a
ZIP bomb or an unsupported file becomes an `Item` carrying its verdict (`status`,
`reason`, `message`) instead of disappearing. Members of a ZIP are items too; their
names are decoded properly when the archive lacks the UTF-8 flag (cp866 from Windows'
"compressed folders", cp1251 from some archivers; the best-scoring decoding wins).
"""
from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .limits import Limits

SUFFIXES = {".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".doc", ".rtf", ".odt",
            ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
ARCHIVES = {".zip"}
UTF8_FLAG = 0x800
NAME_ENCODINGS = ("cp866", "cp1251")
NOT_DOCUMENTS = {"readme", "license", "licence", "changelog", "copying", "notice"}  # folder notes, by stem
RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")


@dataclass
class Item:
    """One input: a file on disk or a member of a ZIP archive."""
    display: str  # the name shown in the manifest and written into the document
    path: str  # the file on disk (the archive, for a member)
    member: str | None = None  # the member's name as zipfile knows it (None for a plain file)
    size: int | None = None
    sha256: str | None = None
    status: str | None = None  # set when decided before parsing ("failed", "skipped")
    reason: str | None = None
    message: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def suffix(self) -> str:
        return Path(self.member or self.path).suffix.lower()

    def load(self) -> bytes:
        """The item's bytes (read again by a worker; nothing is kept in the parent)."""
        if self.member is None:
            return Path(self.path).read_bytes()
        with zipfile.ZipFile(self.path) as z:
            return z.read(self.member)


def decode_member_name(info: zipfile.ZipInfo) -> str:
    """The member's real name: zipfile decodes names without the UTF-8 flag as cp437."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    if raw.isascii():
        return info.filename
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return max((raw.decode(enc, "replace") for enc in NAME_ENCODINGS), key=_name_score)


def _name_score(name: str) -> int:
    """Russian letters count for, pseudo-graphics and other oddities against."""
    return sum(1 if c in RUSSIAN or c.isascii() else -1 for c in name)


def _is_hidden(rel: Path) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in rel.parts)


def _file_item(display: str, path: Path, limits: Limits) -> Item:
    item = Item(display=display, path=str(path))
    if path.is_symlink() and not path.exists():
        return _fail(item, "unreadable", "a broken symbolic link: its target does not exist")
    if not path.exists():
        return _fail(item, "not_found", "file not found")
    try:
        item.size = path.stat().st_size
        if not os.access(path, os.R_OK):
            raise PermissionError
        with open(path, "rb"):
            pass
    except PermissionError:
        return _fail(item, "unreadable", "permission denied: the file cannot be read")
    except OSError as e:
        return _fail(item, "unreadable", f"cannot be read: {e.strerror or e}")
    if not path.is_file():
        return _fail(item, "unreadable", "not a regular file")
    return _check_size(item, limits)


def _check_size(item: Item, limits: Limits) -> Item:
    if item.size is not None and limits.max_size_mb and item.size > limits.max_size_mb * 2**20:
        return _fail(item, "too_large", f"the file is too large: {item.size / 2**20:.1f} MB "
                                        f"(limit {limits.max_size_mb} MB, see --max-size-mb)")
    return item


def _fail(item: Item, reason: str, message: str, status: str = "failed") -> Item:
    item.status, item.reason, item.message = status, reason, message
    return item


def zip_items(display: str, path: Path, limits: Limits) -> list[Item]:
    """The documents inside a ZIP, or one failed item for the archive itself."""
    archive = _file_item(display, path, limits)
    if archive.status:
        return [archive]
    try:
        with zipfile.ZipFile(path) as z:
            infos = [i for i in z.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as e:
        return [_fail(archive, "corrupt", f"a truncated or corrupt ZIP archive ({e})")]
    verdict = bomb_verdict(infos, archive.size or 0, limits)
    if verdict:
        return [_fail(archive, "zip_bomb", verdict)]
    items = []
    for info in infos:
        name = decode_member_name(info)
        if _is_hidden(Path(name)):
            continue
        item = Item(display=f"{display}/{name}", path=str(path), member=info.filename, size=info.file_size)
        if Path(name).suffix.lower() not in SUFFIXES:
            _fail(item, "unsupported", f"not a document type this parser reads ({Path(name).suffix or 'no extension'})",
                  status="skipped")
        items.append(_check_size(item, limits))
    if not items:
        return [_fail(archive, "empty_archive", "the ZIP archive holds no documents", status="skipped")]
    return items


def bomb_verdict(infos: list[zipfile.ZipInfo], packed: int, limits: Limits) -> str | None:
    """Why a ZIP's declared contents are too big to unpack, or None."""
    total = sum(i.file_size for i in infos)
    if limits.max_unpacked_mb and total > limits.max_unpacked_mb * 2**20:
        return (f"a ZIP bomb: unpacks to {total / 2**20:.0f} MB from {packed / 2**20:.2f} MB "
                f"(limit {limits.max_unpacked_mb} MB, see --max-unpacked-mb)")
    for i in infos:
        if i.file_size > 2**20 and i.file_size > limits.max_ratio * max(i.compress_size, 1):
            return (f"a ZIP bomb: member {i.filename!r} expands {i.file_size // max(i.compress_size, 1)}x "
                    f"(limit {limits.max_ratio}x)")
    return None


def collect(inputs: list[Path], limits: Limits, exclude: Path | None = None) -> list[Item]:
    """Every input as items, sorted by display name; display names are unique."""
    items: list[Item] = []
    single = len(inputs) == 1
    for p in inputs:
        if p.is_dir():
            prefix = "" if single else f"{p.name}/"
            items.extend(_walk(p, prefix, limits, exclude))
        elif p.suffix.lower() in ARCHIVES and p.is_file():
            items.extend(zip_items(p.name if single else str(p), p, limits))
        else:
            items.append(_file_item(str(p), p, limits))
    items.sort(key=lambda i: i.display)
    return _unique(items)


def _walk(root: Path, prefix: str, limits: Limits, exclude: Path | None) -> list[Item]:
    out: list[Item] = []
    skip = exclude.resolve() if exclude else None
    for dirpath, dirnames, filenames in os.walk(root, onerror=None):
        d = Path(dirpath)
        if skip and d.resolve() == skip:
            dirnames[:] = []
            continue
        dirnames[:] = sorted(n for n in dirnames if not n.startswith(".") and n != "__MACOSX")
        for name in sorted(filenames):
            f = d / name
            rel = f.relative_to(root)
            if _is_hidden(rel):
                continue
            display = prefix + rel.as_posix()
            if f.name.split(".")[0].lower() in NOT_DOCUMENTS:
                out.append(_fail(Item(display=display, path=str(f)), "not_document",
                                 "a folder note (README/LICENSE), not a document", status="skipped"))
            elif f.suffix.lower() in ARCHIVES and f.is_file():
                out.extend(zip_items(display, f, limits))
            elif f.suffix.lower() in SUFFIXES or (f.is_symlink() and not f.exists()):
                out.append(_file_item(display, f, limits))
            else:
                out.append(_fail(Item(display=display, path=str(f)), "unsupported",
                                 f"not a document type this parser reads ({f.suffix or 'no extension'})",
                                 status="skipped"))
    return out


def _unique(items: list[Item]) -> list[Item]:
    seen: dict[str, int] = {}
    for item in items:
        n = seen.get(item.display, 0) + 1
        seen[item.display] = n
        if n > 1:
            item.display = f"{item.display}#{n}"
    return items


def hash_item(item: Item, chunk: int = 1 << 20) -> str:
    """sha256 of the item's bytes, streamed."""
    h = hashlib.sha256()
    if item.member is None:
        with open(item.path, "rb") as f:
            while block := f.read(chunk):
                h.update(block)
    else:
        with zipfile.ZipFile(item.path) as z, z.open(item.member) as f:
            while block := f.read(chunk):
                h.update(block)
    return h.hexdigest()
