"""WordprocessingML names and attribute helpers shared by the DOCX reader modules."""
from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


def _on(el) -> bool:
    """A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) is on."""
    return el is not None and _val(el) not in ("0", "false", "off", "none")
