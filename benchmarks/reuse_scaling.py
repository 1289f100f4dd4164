"""How the reuse finder's candidate search (MinHash/LSH, compare/reuse.py) grows with the corpus.

    .venv/bin/python benchmarks/reuse_scaling.py                 # 1,000 ... 50,000 documents
    .venv/bin/python benchmarks/reuse_scaling.py --sizes 1000,5000

Synthetic corpus: each document is one measure text of 12-30 words drawn from a
vocabulary of measure words (so unrelated documents share few 3-shingles, as real
measures of different subjects do); 1% are planted copies of an earlier document in
another document, lightly edited (one word changed, sometimes a word added). For each
size it reports the search time, the time per document, the number of candidate pairs,
and how many planted copies were found: of those whose 3-shingle Jaccard similarity is
clearly above the LSH threshold (>= threshold + MARGIN: LSH is probabilistic, and a copy
near the threshold is found only about half the time), and of all. datasketch is imported before timing. The growth exponent is the slope of log(time)
against log(n): 1 is linear, 2 would be all-pairs.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from prikaz_parser.compare.reuse import LSH_THRESHOLD, Unit, candidate_pairs, shingles, words  # noqa: E402

STEMS = ("организ провед обеспеч разработ утвержд мониторинг анализ повышен квалификац педагог обучающ "
         "родител школ детск сад дополнительн образован програм план мероприят результат оценк качеств "
         "методическ семинар конкурс олимпиад проект центр точк рост цифров сред инфраструктур ремонт "
         "оснащен оборудован кабинет библиотек питан безопасност антитеррорист профилакт здоров спорт "
         "воспитан патриотическ волонтер наставничеств профориентац инклюзивн доступн сред ГИА ЕГЭ ОГЭ "
         "ВПР функциональн грамотност кадр вакан молод специалист аттестац стимулир заработн плат "
         "совещан муниципальн район округ управлен комитет отдел информац сайт отчет сбор данн").split()
ENDINGS = ("", "а", "ы", "ов", "ие", "ия", "ий", "ых", "ой", "ам", "ами", "е", "и", "ого", "ому")
PLANTED_SHARE = 0.01
MARGIN = 0.2


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    vocab = {s + e for s in STEMS for e in ENDINGS}
    while len(vocab) < size:  # rarer words: names of schools, places, programmes
        vocab.add(rng.choice(STEMS) + rng.choice("бвгдклмнпрст") + rng.choice("аеиоуя") + rng.choice(ENDINGS))
    return sorted(vocab)


def corpus(n: int, seed: int = 1) -> tuple[list[Unit], set[tuple[int, int]]]:
    """n one-measure documents; returns the units and the planted (original, copy) document pairs."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    texts: list[str] = []
    planted: set[tuple[int, int]] = set()
    for i in range(n):
        if i > 10 and rng.random() < PLANTED_SHARE:
            j = rng.randrange(i)
            ws = texts[j].split()
            ws[rng.randrange(len(ws))] = rng.choice(vocab)
            if rng.random() < 0.5:
                ws.insert(rng.randrange(len(ws)), rng.choice(vocab))
            texts.append(" ".join(ws))
            planted.add((j, i))
        else:
            texts.append(" ".join(rng.choice(vocab) for _ in range(rng.randint(12, 30))))
    units = [Unit(i, "measure", "1", t, words(t)) for i, t in enumerate(texts)]
    return units, planted


def jaccard(a: Unit, b: Unit) -> float:
    x, y = shingles(a.words), shingles(b.words)
    return len(x & y) / len(x | y)


def measure(n: int) -> dict:
    units, planted = corpus(n)
    findable = {(a, b) for a, b in planted if jaccard(units[a], units[b]) >= LSH_THRESHOLD + MARGIN}
    t = time.perf_counter()
    pairs = candidate_pairs(units)
    seconds = time.perf_counter() - t
    found = {(units[a].doc, units[b].doc) for a, b in pairs}
    return {"n": n, "seconds": seconds, "us_per_doc": seconds / n * 1e6, "pairs": len(pairs),
            "planted": len(planted), "found": len(planted & found), "findable": len(findable),
            "findable_found": len(findable & found)}


def slope(rows: list[dict]) -> float:
    xs = [math.log(r["n"]) for r in rows]
    ys = [math.log(r["seconds"]) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,2000,5000,10000,20000,50000")
    args = ap.parse_args(argv)
    import datasketch  # noqa: F401 - its import (~1.5 s) is not part of the search
    rows = []
    print(f"{'documents':>10} {'seconds':>9} {'µs/doc':>8} {'candidate pairs':>16} "
          f"{'found/clear copies':>22} {'found/all planted':>18}")
    for n in (int(s) for s in args.sizes.split(",")):
        r = measure(n)
        rows.append(r)
        print(f"{r['n']:>10,} {r['seconds']:>9.2f} {r['us_per_doc']:>8.0f} {r['pairs']:>16,} "
              f"{r['findable_found']:>14}/{r['findable']:<7} {r['found']:>10}/{r['planted']:<7}", flush=True)
    if len(rows) > 1:
        print(f"growth exponent (log time / log n): {slope(rows):.2f}  (1 = linear, 2 = all pairs)")
    missed = sum(r["findable"] - r["findable_found"] for r in rows)
    print(f"planted copies with Jaccard >= {LSH_THRESHOLD + MARGIN:g}: "
          + ("all found" if not missed else f"{missed} missed"))
    return rows


if __name__ == "__main__":
    main()
