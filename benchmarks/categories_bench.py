"""Accuracy of measure categories against the labelled set (data/labelled_measures.tsv).

Leave-one-document-out: a measure's nearest-neighbour fallback only sees labelled
examples from the other documents, so the score is not inflated by its own label.

    .venv/bin/python benchmarks/categories_bench.py [--errors]
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict

from prikaz_parser.compare.categories import Classifier
from importlib import resources


def rows() -> list[tuple[str, str, str]]:
    text = resources.files("prikaz_parser.data").joinpath("labelled_measures.tsv").read_text("utf-8")
    return [tuple(line.split("\t")) for line in text.splitlines()[1:] if line.strip()]


def evaluate(show_errors: bool = False) -> dict:
    data = rows()
    by_doc = defaultdict(list)
    for d, c, t in data:
        by_doc[d].append((t, c))
    ok, total, decided = 0, 0, Counter()
    per_cat = defaultdict(lambda: [0, 0])
    for doc in by_doc:
        clf = Classifier([(t, c) for d2, c, t in data if d2 != doc])
        for t, c in by_doc[doc]:
            a = clf.classify(t)
            good = a.category == c
            ok += good
            total += 1
            per_cat[c][0] += good
            per_cat[c][1] += 1
            decided[a.decided_by.split(":")[0]] += 1
            if show_errors and not good:
                print(f"  {c:12} <- {a.category!s:12} {a.decided_by[:50]:50} | {t[:90]}")
    return {"accuracy": ok / total, "n": total, "decided_by": dict(decided),
            "per_category": {k: v[0] / v[1] for k, v in sorted(per_cat.items())}}


if __name__ == "__main__":
    r = evaluate("--errors" in sys.argv)
    print(f"accuracy {r['accuracy']:.3f} on {r['n']} labelled measures (leave-one-document-out); "
          f"decided by {r['decided_by']}")
    for k, v in r["per_category"].items():
        print(f"  {k:12} {v:.2f}")
