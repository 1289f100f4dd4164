"""A small TF-IDF (sublinear tf, smooth idf, l2-normalised rows) on scipy.sparse.

scikit-learn's TfidfVectorizer does the same, but importing scikit-learn costs
seconds on these machines; this is the twenty lines we need.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Callable, Iterable

import numpy as np
from scipy import sparse


class Tfidf:
    def __init__(self, analyzer: Callable[[str], list[str]], max_df: float = 1.0):
        self.analyzer = analyzer
        self.max_df = max_df
        self.vocab: dict[str, int] = {}
        self.idf: np.ndarray = np.zeros(0)

    def fit(self, texts: Iterable[str]) -> "Tfidf":
        docs = [set(self.analyzer(t)) for t in texts]
        df = Counter(w for d in docs for w in d)
        n = len(docs)
        words = sorted(w for w, c in df.items() if c / max(n, 1) <= self.max_df or n < 3)
        self.vocab = {w: i for i, w in enumerate(words)}
        self.idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in words], dtype=np.float64)
        return self

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        texts = list(texts)
        rows, cols, vals = [], [], []
        for r, t in enumerate(texts):
            for w, c in Counter(self.analyzer(t)).items():
                j = self.vocab.get(w)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
                    vals.append((1 + math.log(c)) * self.idf[j])
        m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(self.vocab)))
        norms = np.sqrt(m.multiply(m).sum(axis=1)).A1
        norms[norms == 0] = 1
        return sparse.diags(1 / norms) @ m

    def fit_transform(self, texts: list[str]) -> sparse.csr_matrix:
        return self.fit(texts).transform(texts)
