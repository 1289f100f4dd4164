"""A self-contained HTML report (inline SVG and a few lines of JS, no network).

Figures: coverage heat map (districts × categories), deadline timeline, reuse
network; tables: district profiles, gaps, aligned measures (filterable), reuse,
names of other districts. `figures(cmp)` gives the SVGs alone.
"""
from __future__ import annotations

import html
import math
from pathlib import Path

import pandas as pd

PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac"]


def esc(x) -> str:
    return html.escape("" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x))


def heatmap_svg(cov: pd.DataFrame) -> str:
    cw, ch, left, top = 46, 26, 260, 190
    rows, cols = list(cov.index), list(cov.columns)
    w, h = left + cw * len(cols) + 160, top + ch * len(rows) + 20
    vmax = max(1, int(cov.values.max()) if cov.size else 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="heatmap" width="{w}" height="{h}" '
           f'viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="11">']
    for j, c in enumerate(cols):
        x = left + j * cw + cw / 2
        out.append(f'<text transform="translate({x},{top - 6}) rotate(-55)">{esc(c)}</text>')
    for i, r in enumerate(rows):
        y = top + i * ch
        out.append(f'<text x="{left - 6}" y="{y + ch / 2 + 4}" text-anchor="end">{esc(r)}</text>')
        for j, c in enumerate(cols):
            v = int(cov.loc[r, c])
            a = 0.08 + 0.92 * v / vmax if v else 0
            fill = f"rgba(78,121,167,{a:.2f})" if v else "#f3f3f3"
            out.append(f'<rect x="{left + j * cw}" y="{y}" width="{cw - 2}" height="{ch - 2}" fill="{fill}">'
                       f'<title>{esc(r)} — {esc(c)}: {v}</title></rect>')
            if v:
                out.append(f'<text x="{left + j * cw + cw / 2 - 1}" y="{y + ch / 2 + 4}" text-anchor="middle" '
                           f'fill="{"#fff" if a > 0.55 else "#222"}">{v}</text>')
    out.append("</svg>")
    return "".join(out)


def timeline_svg(deadlines: pd.DataFrame, districts: list[str]) -> str:
    left, top, lane, width = 260, 30, 34, 760
    h = top + lane * len(districts) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="timeline" width="{left + width + 20}" '
           f'height="{h}" viewBox="0 0 {left + width + 20} {h}" font-family="sans-serif" font-size="11">']
    if deadlines.empty:
        out.append(f'<text x="{left}" y="{top + 14}">no dated deadlines</text></svg>')
        return "".join(out)
    t0, t1 = deadlines["start"].min(), deadlines["end"].max()
    t0 = pd.Timestamp(t0.year, t0.month, 1)
    t1 = pd.Timestamp(t1.year, t1.month, 1) + pd.offsets.MonthEnd(1)
    span = max((t1 - t0).days, 1)

    def x(t):
        return left + width * (t - t0).days / span

    month = t0
    while month <= t1:
        xx = x(month)
        major = month.month == 1 or month == t0
        out.append(f'<line x1="{xx:.1f}" y1="{top - 8}" x2="{xx:.1f}" y2="{h - 24}" stroke="{"#999" if major else "#e3e3e3"}"/>')
        if major or (span < 800 and month.month in (4, 7, 10)):
            out.append(f'<text x="{xx + 2:.1f}" y="{top - 12}">{month.strftime("%m.%Y")}</text>')
        month += pd.offsets.MonthBegin(1)
    for i, d in enumerate(districts):
        y = top + i * lane
        out.append(f'<text x="{left - 6}" y="{y + lane / 2 + 4}" text-anchor="end">{esc(d)}</text>')
        sub = deadlines[deadlines["district"] == d]
        color = PALETTE[i % len(PALETTE)]
        for k, r in enumerate(sub.itertuples()):
            x0, x1 = x(r.start), x(r.end) + 2
            yy = y + 4 + (k % 5) * 5
            out.append(f'<rect x="{x0:.1f}" y="{yy}" width="{max(x1 - x0, 3):.1f}" height="4" fill="{color}" '
                       f'opacity="0.75"><title>{esc(r.text[:120])}: {r.start:%d.%m.%Y}–{r.end:%d.%m.%Y}</title></rect>')
    out.append("</svg>")
    return "".join(out)


def network_svg(share, districts: list[str]) -> str:
    n = len(districts)
    size, r = 560, 200
    cx = cy = size / 2
    pos = [(cx + r * math.cos(2 * math.pi * i / max(n, 1) - math.pi / 2),
            cy + r * math.sin(2 * math.pi * i / max(n, 1) - math.pi / 2)) for i in range(n)]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="network" width="{size + 240}" '
           f'height="{size}" viewBox="-120 0 {size + 240} {size}" font-family="sans-serif" font-size="11">']
    for i in range(n):
        for j in range(i + 1, n):
            s = max(share[i, j], share[j, i]) if share is not None else 0
            if s > 0:
                (x1, y1), (x2, y2) = pos[i], pos[j]
                out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#e15759" '
                           f'stroke-width="{1 + 20 * s:.1f}" opacity="0.6"><title>{esc(districts[i])} ↔ '
                           f'{esc(districts[j])}: {share[i, j]:.0%} / {share[j, i]:.0%} shared</title></line>')
    for i, (x, y) in enumerate(pos):
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="14" fill="{PALETTE[i % len(PALETTE)]}"/>')
        anchor = "start" if x >= cx else "end"
        dx = 18 if x >= cx else -18
        out.append(f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{esc(districts[i])}</text>')
    out.append("</svg>")
    return "".join(out)


def figures(cmp) -> dict[str, str]:
    return {"coverage_heatmap": heatmap_svg(cmp.tables["coverage"]),
            "deadline_timeline": timeline_svg(cmp.tables["deadlines"], cmp.districts),
            "reuse_network": network_svg(cmp.reuse_share, cmp.districts)}


def table_html(df: pd.DataFrame, id_: str, index: bool = False, limit: int = 5000) -> str:
    if df is None or df.empty:
        return '<p class="empty">—</p>'
    cols = ([df.index.name or ""] if index else []) + [str(c) for c in df.columns]
    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    body = []
    for idx, row in df.head(limit).iterrows():
        cells = ([esc(idx)] if index else []) + [esc(v) for v in row.tolist()]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<table id="{id_}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


CSS = """body{font-family:sans-serif;margin:24px;color:#222;max-width:1400px}h1{font-size:22px}h2{font-size:18px;
margin-top:32px;border-bottom:1px solid #ddd}table{border-collapse:collapse;font-size:12px;margin:8px 0}
td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}th{background:#f5f5f5;position:sticky;top:0}
.chart{display:block;margin:8px 0;max-width:100%;height:auto}.note{color:#666;font-size:12px}
input.filter{padding:4px;width:360px;margin:6px 8px 6px 0}select.filter{padding:4px}.warn{color:#b00}"""

JS = """(function(){
function filt(){var q=document.getElementById('q').value.toLowerCase(),d=document.getElementById('dsel').value;
var n=0;document.querySelectorAll('#aligned tbody tr').forEach(function(tr){var t=tr.textContent.toLowerCase();
var ok=(!q||t.indexOf(q)>=0)&&(!d||tr.children[3].textContent===d);tr.style.display=ok?'':'none';if(ok)n++;});
document.getElementById('nshown').textContent=n;}
var q=document.getElementById('q');if(q){q.addEventListener('input',filt);
document.getElementById('dsel').addEventListener('change',filt);filt();}
var ok=true;document.querySelectorAll('svg.chart').forEach(function(s){if(!s.querySelector('rect,circle,line,text'))ok=false;});
document.body.setAttribute('data-rendered',ok?'yes':'no');})();"""


def write_report(cmp, path: str | Path) -> Path:
    path = Path(path)
    t = cmp.tables
    figs = figures(cmp)
    options = "".join(f'<option value="{esc(d)}">{esc(d)}</option>' for d in cmp.districts)
    foreign = t["foreign_names"]
    foreign_note = "".join(f'<li class="warn">{esc(r.district)}: «{esc(r.name)}» ({esc(r.where)}) — …{esc(r.context)}…</li>'
                           for r in foreign.itertuples())
    parts = [
        "<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'><title>Сравнение дорожных карт</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Сравнение дорожных карт: {len(cmp.docs)} документов</h1>",
        f"<p class='note'>Таксономия мероприятий версии {esc(cmp.taxonomy_version)}. Отчёт создан prikaz_parser.</p>",
        "<h2>Профили районов</h2>", table_html(t["summary"], "summary"),
        "<h2>Покрытие направлений (районы × направления)</h2>", figs["coverage_heatmap"],
        "<h3>Пробелы: направления, которые есть у большинства других районов</h3>", table_html(t["gaps"], "gaps"),
        "<h2>Сроки мероприятий</h2>", figs["deadline_timeline"],
        "<h3>Периодичность</h3>", table_html(t["recurrence"], "recurrence", index=True),
        "<h3>Ответственные (типы органов)</h3>", table_html(t["bodies"], "bodies", index=True),
        "<h2>Заимствования текста</h2>", figs["reuse_network"], table_html(t["reuse"], "reuse"),
        "<h3>Упоминания других районов (следы шаблона)</h3>",
        f"<ul>{foreign_note}</ul>" if foreign_note else "<p class='empty'>—</p>",
        "<h3>Общие фрагменты</h3>", table_html(t["passages"], "passages"),
        "<h2>Сопоставленные мероприятия</h2>",
        "<input id='q' class='filter' placeholder='фильтр по тексту'>",
        f"<select id='dsel' class='filter'><option value=''>все районы</option>{options}</select>",
        " показано: <span id='nshown'></span>",
        table_html(t["aligned"], "aligned"),
        "<h2>Школы</h2>", table_html(t["schools"], "schools"),
        "<h2>Показатели</h2>", table_html(t["indicators"], "indicators"),
        f"<script>{JS}</script></body></html>",
    ]
    path.write_text("".join(parts), encoding="utf-8")
    return path
