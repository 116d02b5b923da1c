"""A review page: the article with every span highlighted, and each event as a card linked to its evidence.

A coder trusts a machine-coded event only after seeing where each value came from, so every value on
a card is a link to an anchor on its character offsets in the text (``#<doc>-<start>-<end>``), and the
spans in the text carry their kind and value as a tooltip. Plain HTML and inline CSS, no scripts and no
network assets: the page opens offline, in a mail attachment, or in a notebook cell (``eventie.render``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from ..schema import Document, Event

KINDS = ("trigger", "actor", "equipment", "casualty", "place", "date", "attribution", "hedge")
_LABELS = dict(zip(KINDS, ("EVENT", "ACTOR", "EQUIP", "CAS", "PLACE", "DATE", "SAYS", "HEDGE"), strict=True))

CSS = """
.ev-review{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232b;max-width:1280px;margin:0 auto}
.ev-review h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid #d6dbe1;padding-bottom:4px}
.ev-article{display:grid;grid-template-columns:minmax(0,3fr) minmax(300px,2fr);gap:20px;align-items:start}
.ev-text{white-space:pre-wrap;background:#fbfbfa;border:1px solid #e3e6ea;border-radius:6px;padding:14px 16px}
.ev-review mark{background:transparent;color:inherit;border-radius:3px;padding:1px 0;scroll-margin-top:40px}
.ev-review mark.k-trigger{background:#ffd27a}.ev-review mark.k-actor{background:#b9dcff}
.ev-review mark.k-equipment{background:#d9c8ff}.ev-review mark.k-casualty{background:#ffb8b3}
.ev-review mark.k-place{background:#b7ebc6}.ev-review mark.k-date{background:#c7eef0}
.ev-review mark.k-attribution{background:#ffe9a8;text-decoration:underline dotted}.ev-review mark.k-hedge{background:#e8e8e8;font-style:italic}
.ev-text mark mark{padding:0 1px}
.ev-text mark:target{outline:3px solid #e8590c;outline-offset:1px}
.ev-lbl{font-size:9px;font-weight:700;letter-spacing:.04em;vertical-align:super;color:#4a5563;margin-left:1px;user-select:none}
.ev-legend{margin:6px 0 10px;font-size:12px}.ev-legend mark{padding:1px 6px;margin-right:4px;border-radius:3px}
.ev-card{border:1px solid #cfd6de;border-left:5px solid #5b6b7d;border-radius:6px;padding:10px 12px;margin-bottom:12px;background:#fff}
.ev-card h3{margin:0 0 6px;font-size:15px}.ev-card h3 small{font-weight:400;color:#5b6672}
.ev-card dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0;font-size:13.5px}
.ev-card dt{color:#5b6672}.ev-card dd{margin:0}.ev-card a{color:#0b5cad;text-decoration:none;border-bottom:1px dotted #0b5cad}
.ev-cert{display:inline-block;padding:0 7px;border-radius:10px;font-weight:600;font-size:12.5px}
.ev-cert-confirmed{background:#c9f2d0}.ev-cert-reported{background:#d8e8ff}.ev-cert-claimed{background:#ffe7b0}
.ev-cert-unverified{background:#eee}.ev-cert-disputed{background:#ffc9c4}
.ev-card.c-confirmed{border-left-color:#2f9e44}.ev-card.c-reported{border-left-color:#1c7ed6}.ev-card.c-claimed{border-left-color:#f08c00}
.ev-card.c-unverified{border-left-color:#868e96}.ev-card.c-disputed{border-left-color:#e03131}
.ev-none{color:#868e96;font-style:italic}
"""


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def _slug(doc_key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", doc_key).strip("-") or "doc"


def _anchor(key: str, m: Any) -> str:
    return f"{key}-{m.start}-{m.end}"


def _mentions(obj: Any) -> list[Any]:
    """An entity's mentions (when the schema lists them) or the entity's own span."""
    return list(getattr(obj, "mentions", None) or [obj])


def spans_of(events: Iterable[Event]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, tooltip) for every highlighted span, each offset pair and kind once."""
    out: dict[tuple[int, int, str], str] = {}

    def add(m: Any, kind: str, tip: str) -> None:
        if m is not None and m.end > m.start:
            out.setdefault((m.start, m.end, kind), tip)

    for ev in events:
        add(ev.trigger, "trigger", f"trigger: {ev.type}")
        add(ev.date_text, "date", f"date: {ev.date}")
        add(ev.location, "place", f"place: {ev.location.name}" if ev.location else "")
        for a in ev.actors:
            for m in _mentions(a):
                add(m, "actor", f"actor ({a.role}): {a.name}")
        for q in ev.equipment:
            for m in _mentions(q):
                add(m, "equipment", f"equipment: {q.name}")
        for c in ev.casualties:
            add(c, "casualty", f"{c.kind}: {c.min}-{c.max}")
        for a in ev.attributions:
            add(a, "attribution", f"{a.cue}: {a.source_name or a.source}")
        for h in ev.hedges:
            add(h, "hedge", f"hedge: {h.kind}")
    return sorted(((s, e, k, t) for (s, e, k), t in out.items()), key=lambda x: (x[0], -x[1], KINDS.index(x[2])))


def highlight(text: str, events: Iterable[Event], key: str) -> str:
    """The text as HTML with nested ``<mark>`` per span; overlaps are cut at every boundary.

    The first piece of each span carries the anchor id ``key-start-end`` that the cards link to.
    """
    spans = spans_of(events)
    cuts = sorted({0, len(text), *(p for s, e, _, _ in spans for p in (s, e) if 0 <= p <= len(text))})
    anchored: set[str] = set()
    parts: list[str] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        piece = _e(text[lo:hi])
        covering = [sp for sp in spans if sp[0] <= lo and hi <= sp[1]]
        for s, e, kind, tip in reversed(covering):  # innermost first, so the longest ends up outermost
            aid = f"{key}-{s}-{e}"
            attrs = f' class="k-{kind}" title="{_e(tip)}" data-kind="{kind}" data-span="{s}-{e}"'
            if s == lo and aid not in anchored:
                anchored.add(aid)
                attrs += f' id="{aid}"'
            label = f'<span class="ev-lbl">{_LABELS[kind]}</span>' if hi == e else ""
            piece = f"<mark{attrs}>{piece}{label}</mark>"
        parts.append(piece)
    return "".join(parts)


def _link(key: str, m: Any, label: Any) -> str:
    if m is None:
        return '<span class="ev-none">none</span>'
    return f'<a href="#{_anchor(key, m)}" title="{_e(m.text)} [{m.start}:{m.end}]">{_e(label)}</a>'


def _links(key: str, obj: Any, label: str) -> str:
    """The value linked to its first mention, then small numbered links to the other mentions."""
    ms = _mentions(obj)
    more = "".join(f' <a href="#{_anchor(key, m)}">[{i}]</a>' for i, m in enumerate(ms[1:], start=2))
    return _link(key, ms[0], label) + more


def _actor_line(key: str, a: Any) -> str:
    extra = ", ".join(_e(x) for x in (a.side, a.kind) if x)
    return _links(key, a, a.name) + (f" <small>({extra})</small>" if extra else "")


def _equipment_line(key: str, q: Any) -> str:
    label = f"{q.count} × {q.name}" if q.count is not None else q.name
    extra = ", ".join(_e(x) for x in (q.category, q.status, q.side) if x)
    return _links(key, q, label) + (f" <small>({extra})</small>" if extra else "")


def _casualty_line(key: str, c: Any, ev: Event) -> str:
    from .tables import casualty_claimant

    if c.min is None:
        n = "unknown number"
    elif c.max is None:
        n = f"≥{c.min}"
    else:
        n = str(c.min) if c.min == c.max else f"{c.min}–{c.max}"
    n = ("~" if c.approximate else "") + n
    who = claimant = ""
    if c.who:
        who = f" {_e(c.who)}"
    if by := casualty_claimant(c, ev):
        claimant = f" <small>claimed by {_e(by)}</small>"
    return _link(key, c, f"{c.kind} {n}") + who + claimant


def _attribution_line(key: str, a: Any) -> str:
    src = a.source_name or a.source or "unnamed source"
    return _link(key, a, f"{src} — {a.cue}") + (f" <small>via {_e(a.channel)}</small>" if a.channel else "")


def _row(name: str, items: list[str]) -> str:
    body = "<br>".join(items) if items else '<span class="ev-none">none</span>'
    return f"<dt>{_e(name)}</dt><dd>{body}</dd>"


def card(ev: Event, key: str) -> str:
    """One event as a card; every value is a link to its evidence in the text."""
    loc = ev.location
    place = ""
    if loc is not None:
        detail = ", ".join(_e(x) for x in (getattr(loc, "admin2", None), loc.admin1, loc.country) if x)
        coords = f" <small>({loc.lat:.4f}, {loc.lon:.4f})</small>" if loc.lat is not None and loc.lon is not None else ""
        place = _link(key, loc, loc.name) + (f", {detail}" if detail else "") + coords + (" <small>occupied</small>" if loc.occupied else "")
    acled = " / ".join(_e(x) for x in (ev.acled_event_type, ev.acled_sub_event_type) if x)
    rows = [
        _row("trigger", [_link(key, ev.trigger, ev.trigger.text)]),
        _row("date", [_link(key, ev.date_text, ev.date.isoformat() if ev.date else ev.date_text.text)] if ev.date_text else []),
        _row("place", [place] if place else []),
    ]
    for role, label in (("perpetrator", "perpetrators"), ("target", "targets"), ("other", "others")):
        rows.append(_row(label, [_actor_line(key, a) for a in ev.actors if a.role == role]))
    rows += [
        _row("equipment", [_equipment_line(key, q) for q in ev.equipment]),
        _row("casualties", [_casualty_line(key, c, ev) for c in ev.casualties]),
        _row("sources", [_attribution_line(key, a) for a in ev.attributions]),
        _row("hedges", [_link(key, h, f"{h.kind}: {h.text}") for h in ev.hedges]),
        _row("certainty", [f'<span class="ev-cert ev-cert-{ev.certainty}">{ev.certainty}</span> {_e(ev.certainty_reason)}']),
    ]
    return (f'<div class="ev-card c-{ev.certainty}" id="{key}-event-{_e(ev.id)}" data-event-type="{_e(ev.type)}">'
            f'<h3>{_e(ev.type.replace("_", " "))} <small>{acled}</small></h3><dl>{"".join(rows)}</dl></div>')


def _legend() -> str:
    return '<div class="ev-legend">' + "".join(f'<mark class="k-{k}">{k}</mark>' for k in KINDS) + "</div>"


def article_html(text: str, doc: Document, *, title: str | bool | None = None, key: str | None = None) -> str:
    """One article: highlighted text beside its event cards (an HTML fragment with its own CSS).

    ``key`` prefixes every anchor id; a page gives each article its own, so equal ids cannot collide.
    """
    key = key or _slug(str(doc.id or "doc"))
    cards = "".join(card(ev, key) for ev in doc.events) or '<p class="ev-none">no events found</p>'
    head = f"<h2>{_e(title or doc.id or 'article')}</h2>" if title is not False else ""
    warn = "".join(f'<p class="ev-none">{_e(w)}</p>' for w in doc.warnings)
    return (f'<section class="ev-doc" id="{key}">{head}{warn}<div class="ev-article">'
            f'<div class="ev-text">{highlight(text, doc.events, key)}</div><div class="ev-cards">{cards}</div></div></section>')


def page(items: Iterable[tuple[str, Document]], *, title: str = "eventie review") -> str:
    """A whole HTML page for (text, Document) pairs; no scripts, no external assets."""
    body = "".join(article_html(text, doc, key=f"a{i}-{_slug(str(doc.id or 'doc'))}") for i, (text, doc) in enumerate(items))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>'
            f'<body><div class="ev-review"><h1 style="font-size:20px">{_e(title)}</h1>{_legend()}{body}</div></body></html>\n')


class Rendered(str):
    """HTML that a notebook shows as HTML (``_repr_html_``) and that prints as its source."""

    def _repr_html_(self) -> str:
        return str(self)


def render(doc_or_text: Any, *, published: Any = None, model: str | None = None, doc: Document | None = None) -> Rendered:
    """Render one article for a notebook: highlighted spans and event cards.

    Args:
        doc_or_text: the article text (it is extracted with ``eventie.load(model)``), or a spaCy ``Doc``
            that went through an eventie pipeline, or a ``(text, Document)`` pair.
        published: publication date when text is given.
        model (str | None): pipeline for text input; None = the shipped default.
        doc (Document | None): already-extracted result for the text, to skip extraction.
    Returns:
        Rendered: an HTML string with ``_repr_html_``.
    """
    text, document = _resolve(doc_or_text, published, model, doc)
    return Rendered(f"<style>{CSS}</style>" + f'<div class="ev-review">{_legend()}{article_html(text, document, title=False)}</div>')


def _resolve(obj: Any, published: Any, model: str | None, doc: Document | None) -> tuple[str, Document]:
    if isinstance(obj, tuple) and len(obj) == 2:
        text, doc = obj
        return text, doc if isinstance(doc, Document) else Document(events=list(doc))
    if isinstance(obj, str):
        if doc is None:
            from ..api import load

            doc = load(model).extract_document(obj, published)
        return obj, doc
    if hasattr(obj, "text") and hasattr(obj, "_") and obj._.has("eventie_events"):
        return obj.text, Document(events=[Event.model_validate(e) for e in obj._.eventie_events or []])
    raise TypeError(f"E001: render() takes article text, a spaCy Doc or (text, Document); got {type(obj).__name__}")
