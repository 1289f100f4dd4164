"""Template and text reuse between documents.

1. Units: each measure and each paragraph of a document, as lists of normalised words.
2. Candidates: MinHash signatures of word 3-shingles in an LSH index (datasketch): only
   units from different documents that share enough shingles are compared — no all-pairs.
3. Alignment: word-level Smith-Waterman local alignment of each candidate pair gives the
   shared passage; passages cover a share of each document's words.
4. Leftovers: names of other districts in a document ("Ольховского муниципального района"
   in the Dubovsky roadmap) — the trace of a copied template.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..layout import Layout
from ..schema import Document

WORD = re.compile(r"[0-9a-zа-яё]+", re.I)
SHINGLE = 3
NUM_PERM = 64
LSH_THRESHOLD = 0.5
MIN_PASSAGE_WORDS = 6


def words(text: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in WORD.findall(text or "")]


def shingles(ws: list[str], k: int = SHINGLE) -> set[str]:
    return {" ".join(ws[i:i + k]) for i in range(max(1, len(ws) - k + 1))}


# -- Smith-Waterman on words ----------------------------------------------------------------------

def smith_waterman(a: list[str], b: list[str], match: int = 2, mismatch: int = -1,
                   gap: int = -1) -> tuple[int, tuple[int, int], tuple[int, int]]:
    """Best local alignment of two word lists: (score, (a_start, a_end), (b_start, b_end))."""
    n, m = len(a), len(b)
    h = [[0] * (m + 1) for _ in range(n + 1)]
    best, bi, bj = 0, 0, 0
    for i in range(1, n + 1):
        hi, hp, ai = h[i], h[i - 1], a[i - 1]
        for j in range(1, m + 1):
            v = max(0, hp[j - 1] + (match if ai == b[j - 1] else mismatch), hp[j] + gap, hi[j - 1] + gap)
            hi[j] = v
            if v > best:
                best, bi, bj = v, i, j
    i, j = bi, bj
    while i > 0 and j > 0 and h[i][j] > 0:
        if h[i][j] == h[i - 1][j - 1] + (match if a[i - 1] == b[j - 1] else mismatch):
            i, j = i - 1, j - 1
        elif h[i][j] == h[i - 1][j] + gap:
            i -= 1
        else:
            j -= 1
    return best, (i, bi), (j, bj)


# -- units and candidates --------------------------------------------------------------------------

@dataclass
class Unit:
    doc: int
    kind: str  # measure / paragraph / cell
    ref: str
    text: str
    words: list[str]


def units_of(doc_index: int, doc: Document, layout: Layout | None = None) -> list[Unit]:
    out = [Unit(doc_index, "measure", m.id or str(i), m.text, words(m.text)) for i, m in enumerate(doc.measures)]
    if layout is not None:
        for i, p in enumerate(layout.paragraphs()):
            ws = words(p.text)
            if len(ws) >= MIN_PASSAGE_WORDS:
                out.append(Unit(doc_index, "paragraph", str(i), p.text, ws))
    return [u for u in out if len(u.words) >= 3]


def candidate_pairs(units: list[Unit]) -> list[tuple[int, int]]:
    """Pairs of units from different documents that LSH finds similar."""
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    template = MinHash(num_perm=NUM_PERM, seed=1)  # the permutations are made once, not per unit
    sigs = []
    for i, u in enumerate(units):
        mh = MinHash(num_perm=NUM_PERM, seed=1, permutations=template.permutations, scheme=template.scheme)
        mh.update_batch([s.encode("utf-8") for s in shingles(u.words)])
        sigs.append(mh)
        lsh.insert(str(i), mh)
    pairs = set()
    for i, mh in enumerate(sigs):
        for key in lsh.query(mh):
            j = int(key)
            if j != i and units[i].doc != units[j].doc:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def shared_passages(units: list[Unit], pairs: list[tuple[int, int]]) -> pd.DataFrame:
    rows = []
    for i, j in pairs:
        a, b = units[i], units[j]
        score, (as_, ae), (bs, be) = smith_waterman(a.words, b.words)
        length = min(ae - as_, be - bs)
        if length < MIN_PASSAGE_WORDS:
            continue
        rows.append({"doc_a": a.doc, "unit_a": f"{a.kind} {a.ref}", "doc_b": b.doc, "unit_b": f"{b.kind} {b.ref}",
                     "words": length, "score": score, "passage": " ".join(a.words[as_:ae]),
                     "identical": a.words == b.words, "_a": (i, as_, ae), "_b": (j, bs, be)})
    return pd.DataFrame(rows)


def reuse_matrix(units: list[Unit], passages: pd.DataFrame, n_docs: int) -> np.ndarray:
    """share[i, j]: the share of document i's words found in passages shared with document j."""
    total = np.zeros(n_docs)
    for u in units:
        total[u.doc] += len(u.words)
    covered: dict[tuple[int, int], set] = {}
    for _, r in passages.iterrows():
        for (ui, s, e), other in ((r["_a"], r["doc_b"]), (r["_b"], r["doc_a"])):
            covered.setdefault((units[ui].doc, other), set()).update((ui, k) for k in range(s, e))
    share = np.zeros((n_docs, n_docs))
    for (d, o), pos in covered.items():
        share[d, o] = len(pos) / total[d] if total[d] else 0.0
    return share


# -- names of other districts ----------------------------------------------------------------------

PLACE = re.compile(r"\b([А-ЯЁ][а-яё]+(?:ого|его|ой|ий|ый|ая|ое|ский|ского|ском))\s+"
                   r"(муниципальн\w+\s+(?:район\w*|округ\w*|образовани\w*)|район\w*|городск\w+\s+округ\w*)")
NOT_PLACE = {"муниципального", "городского", "районного", "данного", "нашего", "другого", "каждого", "этого",
             "всего", "своего", "указанного", "областного", "регионального", "федерального", "одного"}


def place_stem(word: str) -> str:
    return word.lower()[:5]


def foreign_names(doc: Document, layout: Layout | None = None) -> list[dict]:
    """Mentions of a district other than the document's own."""
    own = {place_stem(w) for w in re.findall(r"[А-ЯЁ][а-яё]+", doc.meta.municipality or "")}
    if not own:
        return []
    texts = [("measure " + (m.id or str(i)), m.text) for i, m in enumerate(doc.measures)]
    if layout is not None:
        texts += [(f"paragraph {i}", p.text) for i, p in enumerate(layout.paragraphs())]
    out, seen = [], set()
    for where, t in texts:
        for m in PLACE.finditer(t or ""):
            w = m.group(1)
            if w.lower() in NOT_PLACE or place_stem(w) in own:
                continue
            key = (m.group(0), where)
            if key not in seen:
                seen.add(key)
                out.append({"name": m.group(0), "where": where, "context": t[max(0, m.start() - 80):m.end() + 40]})
    return out
