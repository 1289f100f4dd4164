"""prikaz_parser: Russian municipal education orders and roadmaps -> one validated schema.

    from prikaz_parser import parse
    doc = parse("order.docx")          # -> prikaz_parser.schema.Document
"""
from .batch import parse_many
from .pipeline import parse
from .readers import read
from .readers.errors import ReadError
from .schema import SCHEMA_VERSION, Document

__version__ = "0.1.0"
__all__ = ["parse", "parse_many", "read", "Document", "ReadError", "SCHEMA_VERSION", "__version__"]
