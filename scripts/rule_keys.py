"""List every top-level key of the YAML data files with the comment the file gives it, as Markdown.

    python scripts/rule_keys.py           # print the section
    python scripts/rule_keys.py --write   # replace it in docs/rules.md (between the rule-keys markers)

A key takes the comment block right above it, or the block above the group of keys it follows, or its own
end-of-line comment. tests/test_code_shape.py checks that every key is named in docs/rules.md.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "eventie" / "data"
DOC = ROOT / "docs" / "rules.md"
START, END = "<!-- rule-keys:start -->", "<!-- rule-keys:end -->"
_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(.*)$")


def keys_with_comments(text: str) -> list[tuple[str, str]]:
    """(key, comment) for each top-level key of a YAML text, in file order."""
    out: list[tuple[str, str]] = []
    block: list[str] = []
    comment = ""
    for line in text.split("\n"):
        if line.startswith("#"):
            block.append(line.lstrip("#").strip())
            continue
        m = _KEY.match(line)
        if m:
            if block:
                comment, block = " ".join(block), []
            inline = m.group(2).split(" #", 1)[1].strip() if " #" in m.group(2) else ""
            out.append((m.group(1), inline or comment))
        elif not line.strip():
            block = []  # a comment block set off by a blank line is about the file, not the next key
        elif block:
            block = []  # a comment inside a value belongs to the value
    return out


def section() -> str:
    rows = [START, "", "| file | key | what the file says it is |", "|---|---|---|"]
    for path in sorted(DATA.glob("*.yaml")):
        for key, comment in keys_with_comments(path.read_text(encoding="utf-8")):
            rows.append(f"| `{path.name}` | `{key}` | {comment.replace('|', '/')} |")
    return "\n".join([*rows, "", END])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="replace the section in docs/rules.md")
    args = ap.parse_args()
    text = section()
    if not args.write:
        print(text)
        return
    doc = DOC.read_text(encoding="utf-8")
    if START in doc:
        doc = doc[: doc.index(START)] + text + doc[doc.index(END) + len(END) :]
    else:
        doc = doc.rstrip("\n") + "\n\n## Every key of the YAML files\n\n" + text + "\n"
    DOC.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
