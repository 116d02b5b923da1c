"""Input hygiene that never moves an offset.

Everything here replaces characters with the same number of characters (tags and scripts become
spaces, control characters become spaces, lone surrogates become U+FFFD), so offsets in the output
always index the caller's original string, HTML included.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import InputTypeError

_SCRIPT = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<!--.*?-->|<![^>]*>|</?[A-Za-z][^>]{0,2000}>", re.S)
_BLOCK_TAG = re.compile(r"^</?(p|div|br|h[1-6]|li|tr|figcaption|figure|section|article|header|footer|title|blockquote)\b", re.I)
_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_ENTITY_CHARS = {"amp": "&", "nbsp": " ", "quot": '"', "apos": "'", "lt": "<", "gt": ">", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "mdash": "—", "ndash": "–"}
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


def strip_html(text: str) -> str:
    """Blank out tags and scripts, keeping every offset; entities become their character plus padding."""
    text = _SCRIPT.sub(_blank, text)
    text = _TAG.sub(_blank, text)

    def ent(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("#x"):
            ch = chr(int(name[2:], 16)) if int(name[2:], 16) < 0x110000 else " "
        elif name.startswith("#"):
            ch = chr(int(name[1:])) if int(name[1:]) < 0x110000 else " "
        else:
            ch = _ENTITY_CHARS.get(name, " ")
        if len(ch) != 1 or unicodedata.category(ch).startswith("C"):
            ch = " "
        return ch + " " * (len(m.group(0)) - 1)

    return _ENTITY.sub(ent, text)


def clean(text: str, *, html: bool | None = None) -> tuple[str, list[str]]:
    """Offset-preserving clean-up; returns the cleaned text and what was done (for warnings)."""
    done = []
    if html or (html is None and looks_like_html(text)):
        text = strip_html(text)
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
    return text, done


def english_ratio(text: str) -> tuple[float, int]:
    words = _WORD.findall(text[:20000].lower())
    if not words:
        return 0.0, 0
    return sum(w in _STOP for w in words) / len(words), len(words)


def is_probably_english(text: str) -> tuple[bool, float]:
    ratio, n = english_ratio(text)
    if n < 12:
        latin = sum(1 for c in text if c.isascii() and c.isalpha())
        letters = sum(1 for c in text if c.isalpha())
        return (letters == 0 or latin / letters > 0.6), ratio
    return ratio >= 0.08, ratio


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
