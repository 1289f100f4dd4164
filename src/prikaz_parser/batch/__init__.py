"""Batch parsing: folders and ZIPs in, isolated worker processes, a manifest and tables out.

    from prikaz_parser.batch import parse_many
    corpus = parse_many(["orders/", "more.zip"], workers=2)
    corpus.frames()["measures"]          # a pandas DataFrame
"""
from .limits import Limits
from .run import Corpus, parse_many, run_batch

__all__ = ["parse_many", "run_batch", "Corpus", "Limits"]
