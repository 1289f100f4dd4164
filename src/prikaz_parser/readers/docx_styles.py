"""Paragraph styles of a DOCX: what a paragraph inherits (bold, heading level, alignment, numbering)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .docx_xml import W, _val, w

@dataclass
class Styles:
    """Paragraph/character style facts the reader needs, by styleId."""
    by_id: dict[str, object] = field(default_factory=dict)
    default_pid: str | None = None

    @classmethod
    def from_xml(cls, root) -> "Styles":
        if root is None:
            return cls()
        by_id = {s.get(w("styleId")): s for s in root.iter(w("style"))}
        default = next((s.get(w("styleId")) for s in root.iter(w("style"))
                        if s.get(w("type")) == "paragraph" and _on_attr(s, "default")), None)
        return cls(by_id, default)

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            s = self.by_id[style_id]
            yield s
            style_id = _val(s.find(w("basedOn")))

    def find(self, style_id: str | None, path: str):
        for s in self.chain(style_id):
            el = s.find(path, {"w": W})
            if el is not None:
                return el
        return None

    def name(self, style_id: str | None) -> str:
        s = self.by_id.get(style_id or "")
        return (_val(s.find(w("name"))) or "") if s is not None else ""


def _on_attr(el, attr: str) -> bool:
    return el.get(w(attr)) in ("1", "true", "on")


_HEADING = re.compile(r"^(?:heading|заголовок)\s*(\d)$", re.I)
_ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
          "both": "justify", "distribute": "justify", "justify": "justify"}
