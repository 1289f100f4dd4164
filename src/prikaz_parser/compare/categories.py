"""Measure categories: keyword rules on lemmas first, nearest labelled example for the rest.

The taxonomy is a versioned data file (`data/categories.json`): directions
(single label) and the risk profiles of the «500+» project (multi-label). Each
assignment carries a score and what decided it: `rule:<keyword>` or
`neighbour:<text of the labelled example>`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..vocab import data_json
from .lemmas import lemma, lemmas

TOPIC_WEIGHT = 2.0
HEAD_BONUS = 1.5
CLOSE_MARGIN = 0.5  # rule scores this close are a tie
TIE_SIMILARITY = 0.3


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    aliases: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...]  # lemma sequences
    kind: str = "activity"  # topic categories weigh more than activity categories


@dataclass
class Assignment:
    category: str | None
    label: str | None
    score: float
    decided_by: str
    risks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Taxonomy:
    version: str
    directions: tuple[Category, ...]
    risks: tuple[Category, ...]

    def label(self, cid: str | None) -> str | None:
        for c in self.directions + self.risks:
            if c.id == cid:
                return c.label
        return None


def _cat(d: dict) -> Category:
    kws = tuple(tuple(lemma(w) for w in k.split()) for k in d["keywords"])
    return Category(d["id"], d["label"], tuple(d.get("aliases", [])), kws, d.get("kind", "activity"))


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    data = data_json("categories.json")
    return Taxonomy(data["version"], tuple(_cat(d) for d in data["directions"]),
                    tuple(_cat(d) for d in data["risks"]))


def stem(word: str) -> str:
    """A crude stem so that unknown adjectives match whatever lemma pymorphy guessed (антирисковый/-ой)."""
    return word[:-2] if len(word) >= 7 else word


def _words(text: str) -> list[str]:
    """Lemma stems, with the parts of hyphenated words added (семинар-практикум → семинар, практикум)."""
    out = []
    for w in lemmas(text):
        out.append(stem(w))
        if "-" in w:
            out.extend(stem(p) for p in w.split("-") if p)
    return out


def _hits(words: list[str], cat: Category) -> list[str]:
    text = " " + " ".join(words) + " "
    out = []
    for kw in cat.keywords:
        if (" " + " ".join(stem(k) for k in kw) + " ") in text:
            out.append(" ".join(kw))
    return out


def keyword_scores(text: str) -> list[tuple[float, str, list[str]]]:
    """(score, category id, keywords hit) for every direction with a hit, best first."""
    words = _words(text)
    head = set(words[:2])
    out = []
    for c in taxonomy().directions:
        hits = _hits(words, c)
        if hits:
            score = sum(1.5 if " " in h else 1.0 for h in hits) * (TOPIC_WEIGHT if c.kind == "topic" else 1.0)
            # the head of a measure ("Утверждение плана …", "Мониторинг …") names the activity
            score += HEAD_BONUS * any(stem(h.split()[0]) in head for h in hits)
            out.append((score, c.id, hits))
    out.sort(key=lambda x: -x[0])
    return out


def risk_profiles(text: str) -> list[str]:
    words = _words(text)
    return [c.id for c in taxonomy().risks if _hits(words, c)]


class Classifier:
    """Keyword rules, then the nearest labelled example (TF-IDF cosine) when no rule fires."""

    def __init__(self, examples: list[tuple[str, str]] | None = None, min_similarity: float = 0.2):
        self.examples = examples or []
        self.min_similarity = min_similarity
        self._index = None

    def _fit(self):
        from .tfidf import Tfidf
        vec = Tfidf(lemmas)
        mat = vec.fit_transform([t for t, _ in self.examples])
        self._index = (vec, mat)

    def neighbour(self, text: str) -> tuple[str, str, float] | None:
        if not self.examples:
            return None
        if self._index is None:
            self._fit()
        vec, mat = self._index
        sims = (mat @ vec.transform([text]).T).toarray().ravel()
        i = int(sims.argmax())
        return (self.examples[i][1], self.examples[i][0], float(sims[i])) if sims[i] >= self.min_similarity else None

    def classify(self, text: str) -> Assignment:
        tax = taxonomy()
        risks = risk_profiles(text)
        scores = keyword_scores(text)
        if scores:
            s, cid, hits = scores[0]
            total = sum(x[0] for x in scores)
            close = [x for x in scores[1:] if s - x[0] < CLOSE_MARGIN]
            if close:  # rules nearly tied: a similar labelled example breaks the tie among them
                nb = self.neighbour(text)
                if nb and nb[0] in {x[1] for x in close} and nb[2] >= TIE_SIMILARITY:
                    return Assignment(nb[0], tax.label(nb[0]), round(nb[2], 3),
                                      "neighbour:" + nb[1][:80] + " (rules tied)", risks)
            return Assignment(cid, tax.label(cid), round(s / total, 3), "rule:" + ", ".join(hits), risks)
        nb = self.neighbour(text)
        if nb:
            cid, ex, sim = nb
            return Assignment(cid, tax.label(cid), round(sim, 3), "neighbour:" + ex[:80], risks)
        return Assignment(None, None, 0.0, "none", risks)


@lru_cache(maxsize=1)
def labelled_examples() -> tuple[tuple[str, str], ...]:
    """The labelled measures shipped with the package (text, category id)."""
    f = resources.files("prikaz_parser.data").joinpath("labelled_measures.tsv")
    if not f.is_file():
        return ()
    rows = []
    for line in f.read_text("utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3 and parts[1]:
            rows.append((parts[2], parts[1]))
    return tuple(rows)


@lru_cache(maxsize=1)
def default_classifier() -> Classifier:
    return Classifier(list(labelled_examples()))
