"""Alignment: equivalent measures across districts (the same activity worded differently).

Lemmatised TF-IDF vectors (words common to more than a tenth of all measures, such
as the programme's own name, are dropped), cosine similarity, then pairs from
different districts are merged most-similar first while the merged group stays
similar on average (average linkage); a group is kept when it spans two districts.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .lemmas import lemmas

SIMILARITY = 0.45
MAX_DF = 0.08


def group(sim: np.ndarray, districts: list[str], threshold: float) -> np.ndarray:
    """Average-linkage grouping of items from different districts; returns a group label per item."""
    n = len(sim)
    label = np.arange(n)
    members = {i: [i] for i in range(n)}
    iu = np.triu_indices(n, 1)
    order = np.argsort(-sim[iu], kind="stable")
    for k in order:
        i, j = iu[0][k], iu[1][k]
        if sim[i, j] < threshold:
            break
        a, b = label[i], label[j]
        if a == b or districts[i] == districts[j]:
            continue
        ma, mb = members[a], members[b]
        if sim[np.ix_(ma, mb)].mean() < threshold:
            continue
        for m in mb:
            label[m] = a
        members[a] = ma + mb
        del members[b]
    return label


def align(measures: pd.DataFrame, similarity: float = SIMILARITY) -> pd.DataFrame:
    """One row per (activity group, measure): group id, representative text, district, deadline, responsible."""
    cols = ["group", "activity", "n_districts", "district", "id", "text", "deadline", "responsible", "category"]
    if len(measures) < 2:
        return pd.DataFrame(columns=cols)
    from .tfidf import Tfidf
    x = Tfidf(lemmas, max_df=MAX_DF).fit_transform(measures["text"].tolist())
    sim = (x @ x.T).toarray()
    labels = group(sim, measures["district"].tolist(), similarity)
    rows = []
    for g in sorted(set(labels)):
        idx = np.flatnonzero(labels == g)
        districts = measures.iloc[idx]["district"].unique()
        if len(districts) < 2:
            continue
        sub = sim[np.ix_(idx, idx)]
        rep = idx[int(sub.sum(axis=1).argmax())]
        for i in idx:
            m = measures.iloc[i]
            rows.append({"group": int(g), "activity": measures.iloc[rep]["text"], "n_districts": len(districts),
                         "district": m["district"], "id": m["id"], "text": m["text"], "deadline": m["deadline"],
                         "responsible": m["responsible"], "category": m.get("category")})
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out = out.sort_values(["n_districts", "group", "district"], ascending=[False, True, True])
        out["group"] = pd.factorize(out["group"])[0] + 1
    return out.reset_index(drop=True)
