"""Runs the extractors in order over one layout and assembles the Document."""
from __future__ import annotations

from ..layout import Layout
from ..schema import Document, Source
from .abbreviations import find_abbreviations
from .clauses import extract_clauses
from .indicators import extract_indicators
from .meta import extract_meta
from .meta_lines import lines_of
from .period import document_period
from .programme import extract_programme
from .roadmap import extract_measures
from .schools import extract_schools


def assemble(layout: Layout, source: Source) -> Document:
    lines = lines_of(layout)  # the header and operative part of the order, read by meta and clauses
    meta = extract_meta(layout, lines)
    period = document_period(layout, meta)
    abbreviations = find_abbreviations(layout)
    measures = extract_measures(layout, period, abbreviations, source.warnings)
    clauses = extract_clauses(layout, period, abbreviations, lines)
    programme = extract_programme(layout)
    schools = extract_schools(layout)
    indicators = extract_indicators(layout, schools)
    return Document(source=source, meta=meta, clauses=clauses, measures=measures, schools=schools,
                    indicators=indicators, programme=programme, abbreviations=abbreviations)
