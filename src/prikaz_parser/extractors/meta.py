"""Document metadata from the header, the preamble and the signature block.

Orchestrates the header rules (meta_header), letterhead and signature (meta_people), place
names (meta_place) and act references (acts) over the document's lines (meta_lines):

    type heading → date / number / place → title → preamble (based_on acts)
    → operative part → signature; annex stamps (approvals) anywhere after it.
"""
from __future__ import annotations

import re

from ..layout import Layout
from ..schema import Meta
from .acts import approval_stamps, find_acts
from .meta_header import find_title_line, header_fields, join_title, title_noun_type
from .meta_lines import Line, doc_type_of_line, find_operative_line, find_type_line, lines_of
from .meta_people import find_signatory, issuer_from_letterhead, issuer_from_signatures
from .meta_place import find_municipality, find_region

HEADER_LIMIT = 40


def first_clause(lines: list[Line], start: int) -> int | None:
    """The first numbered point after the preamble (orders without ПРИКАЗЫВАЮ)."""
    for i in range(start, min(len(lines), start + 30)):
        if lines[i].table:
            return None
        if re.match(r"^\d{1,2}\.\s*\S", lines[i].text):
            return i
    return None


def _preamble(lines: list[Line], start: int, end: int | None) -> str:
    out = []
    for ln in lines[start:(end + 1) if end is not None else start + 3]:
        if ln.table:
            break
        out.append(ln.text)
    return " ".join(out)


def extract_meta(layout: Layout, lines: list[Line] | None = None) -> Meta:
    """`lines`: the layout's `lines_of`, when the caller has them already."""
    lines = lines_of(layout) if lines is None else lines
    texts = [ln.text for ln in lines]
    type_idx = find_type_line(lines, HEADER_LIMIT)
    doc_type = None
    if type_idx is not None:
        doc_type = doc_type_of_line(lines[type_idx].text)
    start = type_idx if type_idx is not None else 0
    stop = min(len(lines), start + HEADER_LIMIT)
    title_idx = find_title_line(lines, start, stop, doc_type is not None)
    title, after_title = (None, start) if title_idx is None else join_title(lines, title_idx)
    if doc_type is None and title:
        doc_type = title_noun_type(title)
    fields = header_fields(lines, start, title_idx if title_idx is not None else min(stop, start + 15))

    operative = find_operative_line(lines, after_title)
    body_start = operative if operative is not None else first_clause(lines, after_title)
    sign_from = body_start if body_start is not None else 0
    signatory = find_signatory(lines, sign_from) or (find_signatory(lines, 0) if sign_from else None)

    full_text = "\n".join(texts)
    issuer = issuer_from_letterhead(lines, type_idx) if type_idx is not None else None
    if issuer is None:
        issuer = issuer_from_signatures(lines, full_text)

    preamble = _preamble(lines, after_title, body_start)
    header_text = " ".join(texts[:start + 1])
    places = [t for t in (issuer, header_text, title, preamble, full_text) if t]
    municipality = next((m[0] for m in map(find_municipality, places) if m), None)
    region = next((r for r in map(find_region, places) if r), None)

    return Meta(doc_type=doc_type, number=fields["number"], date=fields["date"], issuer=issuer,
                municipality=municipality, region=region, place=fields["place"], title=title,
                signatory=signatory, based_on=find_acts(preamble),
                approvals=approval_stamps(texts))
