"""Input hygiene that never moves an offset.

Everything here replaces characters with the same number of characters (tags and scripts become
spaces, control characters become spaces, lone surrogates become U+FFFD), so offsets in the output
always index the caller's original string, HTML included.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from functools import cache
from html.entities import html5

from .errors import InputTypeError
from .resources import html_rules

_SCRIPT = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<!--.*?-->|<![^>]*>|</?[A-Za-z][^>]{0,2000}>", re.S)
_BLOCK_TAG = re.compile(r"^</?(p|div|br|h[1-6]|li|tr|figcaption|figure|section|article|header|footer|title|blockquote)\b", re.I)
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)\b([^>]{0,2000})>")
_CLASS_OR_ID = re.compile(r"""\b(?:class|id)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_LONG_TOKEN = re.compile(r"\S{200,}")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_STOP = frozenset(
    "the of and to in a is that for on was with as by at from it be are has have were said an this which not or their its but "
    "been they his her after who had will would more than also into about two three".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def ensure_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise InputTypeError(
            "E001: extract() takes str, got bytes. Decode it first, e.g. text.decode('utf-8', errors='replace')."
        )
    raise InputTypeError(f"E001: extract() takes the article text as str, got {type(text).__name__}.")


def looks_like_html(text: str) -> bool:
    head = text[:5000].lower()
    return bool(re.search(r"<(html|body|p|div|span|br|script|head|article|h1|a)\b[^>]*>", head))


def _blank(m: re.Match) -> str:
    s = m.group(0)
    newline = "\n" if _BLOCK_TAG.match(s) or s.lower().startswith("<script") or s.lower().startswith("<style") else " "
    return newline + re.sub(r"[^\n]", " ", s[1:]) if len(s) > 1 else " "


def _close_of(text: str, name: str, pos: int) -> int | None:
    """End of the element whose opening tag ends at ``pos``: its matching close, nesting counted."""
    depth = 1
    for m in re.finditer(rf"<(/?){re.escape(name)}\b[^>]*>", text[pos:], re.I):
        if m.group(0).endswith("/>"):
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return pos + m.end()
    return None


@cache
def _heading_block() -> re.Pattern[str]:
    """A short label element ("<h3>Related stories</h3>") that opens a list of links."""
    labels = "|".join(re.escape(h) for h in sorted(html_rules().boilerplate_headings, key=len, reverse=True))
    return re.compile(
        rf"<(h[1-6]|p|div|span|strong|b|section)\b[^>]*>\s*(?:<[^>]{{0,200}}>\s*)*(?:{labels})\s*:?\s*"
        rf"(?:</[^>]{{0,50}}>\s*)*</\1\s*>(?P<list>\s*<(?P<ltag>ul|ol)\b[^>]*>)?",
        re.I,
    )


def _is_boilerplate(name: str, attrs: str, in_article: bool) -> bool:
    rules = html_rules()
    if name in rules.blank_elements or (name in rules.page_elements and not in_article):
        return True
    values = " ".join(v.strip("\"'").lower() for v in _CLASS_OR_ID.findall(attrs))
    return bool(values) and any(word in values for word in rules.boilerplate_attributes)


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of page furniture: navigation, sidebars, page header/footer, related-links blocks."""
    articles = []
    for m in re.finditer(r"<article\b[^>]*>", text, re.I):
        articles.append((m.start(), _close_of(text, "article", m.end()) or len(text)))
    out: list[tuple[int, int]] = []
    pos = 0
    while (m := _OPEN_TAG.search(text, pos)) is not None:
        name = m.group(1).lower()
        in_article = any(a <= m.start() < b for a, b in articles)
        if not m.group(0).endswith("/>") and _is_boilerplate(name, m.group(2), in_article):
            end = _close_of(text, name, m.end()) or m.end()
            out.append((m.start(), end))
            pos = end
        else:
            pos = m.end()
    for m in _heading_block().finditer(text):
        end = m.end()
        if m.group("list"):
            end = _close_of(text, m.group("ltag"), m.end()) or end
        out.append((m.start(), end))
    return out


def _blank_ranges(text: str, ranges: list[tuple[int, int]]) -> str:
    """Each stretch becomes a line break and spaces (its own line breaks kept): same length, no words."""
    parts, pos = [], 0
    for start, end in sorted(ranges):
        start = max(start, pos)
        if end <= start:
            continue
        parts += [text[pos:start], "\n", re.sub(r"[^\n]", " ", text[start + 1 : end])]
        pos = end
    return "".join(parts) + text[pos:]


def _entity_text(ref: str) -> str:
    """Any HTML5 named entity or numeric reference as its text; an unknown one, or a control character, is a space."""
    # named: exactly the HTML5 table (html.unescape would also read "&notanentity;" as "¬anentity;")
    got = html.unescape(ref) if ref.startswith("&#") else html5.get(ref[1:])
    if not got or got == ref:
        return " "
    # control characters and odd spaces (no-break, thin) become plain spaces, as the tokenizer expects
    return "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in got)[: len(ref)]


class CleanText(str):
    """Cleaned text that also maps its offsets back to the caller's string.

    Decoding "Khan Y&uacute;nis" in place would leave "Khan Yú       nis", two words. Instead a word with
    an entity is decoded whole and padded after its end ("Khan Yúnis       "), the same length as before,
    and ``to_original`` maps an offset inside that word back to where it lies in the input.
    """

    breaks: tuple[tuple[int, int, int], ...] = ()  # (cleaned offset, shift from there on, ceiling)

    def to_original(self, pos: int) -> int:
        i = bisect.bisect_right(self.breaks, (pos, float("inf"), 0)) - 1
        if i < 0:
            return pos
        _, shift, ceiling = self.breaks[i]
        return min(pos + shift, ceiling)


def _decode_entities(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """Decode every entity, word by word: each word keeps its start and its length (padding at its end)."""
    parts, breaks, pos = [], [], 0
    for word in re.finditer(r"\S*&\S*", text):
        refs = list(_ENTITY.finditer(word.group(0)))
        if not refs:
            continue
        out, last, shift = [], 0, 0
        for ref in refs:
            out.append(word.group(0)[last : ref.start()])
            value = _entity_text(ref.group(0))
            out.append(value)
            shift += len(ref.group(0)) - len(value)
            last = ref.end()
            breaks.append((word.start() + sum(map(len, out)), shift, word.end()))
        out.append(word.group(0)[last:])
        decoded = "".join(out)
        parts += [text[pos : word.start()], decoded, " " * (len(word.group(0)) - len(decoded))]
        breaks.append((word.end(), 0, len(text)))
        pos = word.end()
    return "".join(parts) + text[pos:], breaks


def _strip_html(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    text = _SCRIPT.sub(_blank, text)
    text = _blank_ranges(text, boilerplate_ranges(text))
    text = _TAG.sub(_blank, text)
    return _decode_entities(text)


def strip_html(text: str) -> str:
    """Blank out scripts, page furniture and tags, keeping every offset; entities decoded (see CleanText)."""
    return _strip_html(text)[0]


def clean(text: str, *, html: bool | None = None) -> tuple[CleanText, list[str]]:
    """Offset-preserving clean-up; returns the cleaned text and what was done (for warnings)."""
    done = []
    breaks: list[tuple[int, int, int]] = []
    if html or (html is None and looks_like_html(text)):
        text, breaks = _strip_html(text)
        done.append("HTML tags blanked")
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
        done.append("control/format characters blanked")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        done.append("lone surrogates replaced")
    if _LONG_TOKEN.search(text):
        text = _LONG_TOKEN.sub(lambda m: " " * len(m.group(0)), text)
        done.append("tokens of 200+ characters blanked")
    out = CleanText(text)
    out.breaks = tuple(breaks)
    return out, done


def english_ratio(text: str) -> tuple[float, int]:
    words = _WORD.findall(text[:20000].lower())
    if not words:
        return 0.0, 0
    return sum(w in _STOP for w in words) / len(words), len(words)


# At or above this share of English function words (with 12+ words) a text is English without asking the
# identifier: ordinary English prose sits near 0.3-0.4, other Latin-script languages that share a few
# short words ("a", "as", "in") well below.
_CONCLUSIVE_RATIO = 0.15
# How far (in log-probability) another language must lead English before the text is called non-English:
# a terse English round-up of place names and numbers ranks English first or close behind; Portuguese or
# Russian news leads English by tens to hundreds.
_OTHER_LANGUAGE_MARGIN = 10.0


def identify_language(text: str) -> tuple[str, float]:
    """(best language code, how far it leads English) from py3langid's bundled offline model."""
    import py3langid  # BSD-3-Clause; its model ships inside the wheel, nothing is downloaded

    # words only: a table of figures or a run of URLs says nothing about the language around it
    ranked = py3langid.rank(" ".join(_WORD.findall(text[:20000]))[:5000])
    scores = dict(ranked)
    best, score = ranked[0]
    return best, float(score - scores.get("en", score))


def is_probably_english(text: str) -> tuple[bool, float]:
    """English unless the text is clearly another language; returns (verdict, function-word ratio).

    The function-word ratio is fast and settles ordinary prose. When it is inconclusive (short texts,
    terse round-ups such as "Kharkiv: 3 killed, 12 injured.", or another language that shares a few
    short words with English), a real language identifier decides.
    """
    ratio, n = english_ratio(text)
    if n >= 12 and ratio >= _CONCLUSIVE_RATIO:
        return True, ratio
    if not any(c.isalpha() for c in text[:20000]):
        return True, ratio  # numbers and punctuation only: nothing to call non-English
    best, lead = identify_language(text)
    return best == "en" or lead < _OTHER_LANGUAGE_MARGIN, ratio


def chunk_offsets(text: str, size: int) -> list[tuple[int, int]]:
    """Split into pieces of at most ``size`` chars at paragraph, then sentence, then space boundaries."""
    if len(text) <= size:
        return [(0, len(text))]
    out, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n\n"), -1)
            if cut < size // 2:
                cut = max(window.rfind(". "), window.rfind("\n"))
            if cut < size // 2:
                cut = window.rfind(" ")
            if cut > 0:
                end = start + cut + 1
        out.append((start, end))
        start = end
    return out
