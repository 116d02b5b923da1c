"""Code-shape rules (issue 10), checked on the source's syntax tree.

1. No word list in a component: no tuple/list/set literal of three or more string constants in
   ``src/eventie/components/**/*.py``. Words live in ``src/eventie/data/`` (docs/rules.md); the parser's
   labels and punctuation live in ``eventie.grammar``, the schema's own names in ``eventie.labels``. The one
   exception is a list of data-file names ("cues.jsonl", ...) where a component says which files it loads.
2. No function longer than 50 lines anywhere in ``src/eventie``.
3. No component reads the package's data outside its rule loading: the readers (everything in
   ``eventie.resources``, ``rules.read_packaged``/``packaged_rules``, ``importlib.resources``, ``pkgutil``)
   are named only inside ``initialize`` or ``_load_rules`` (the packaged-rules path of ``RuleComponent``).

Each checker is a plain function of a source string, tested on small snippets that must fail, so a checker
that silently finds nothing cannot pass.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

SRC = Path(__file__).resolve().parents[1] / "src" / "eventie"
COMPONENTS = SRC / "components"
MAX_LINES = 50
MIN_STRINGS = 3
DATA_SUFFIXES = (".yaml", ".yml", ".jsonl", ".json", ".csv", ".tsv", ".txt", ".gz")
# where a list of data-file names is data loading: the class attribute, or a loading method
FILE_LIST_TARGETS = frozenset({"rule_files"})
LOADING_FUNCTIONS = frozenset({"initialize", "_load_rules"})
READER_MODULES = frozenset({"eventie.resources", "importlib.resources", "importlib_resources", "pkgutil"})
READER_NAMES = {"eventie.rules": frozenset({"read_packaged", "packaged_rules"}), "importlib": frozenset({"resources"})}
# Reads that happen outside initialize by design, each with its reason. The gazetteer (7 MB of reference
# data, not rules: never copied into a saved pipeline) is read on the place tagger's first text, not at
# pipeline load (docs/places.md, docs/performance.md; tests/test_world.py::test_gazetteer_loads_lazily).
ALLOWED_READS = {("places.py", "PlaceTagger.gaz")}


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _scope(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> list[str]:
    """Names of the classes and functions around ``node``, outermost first."""
    names = []
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
    return names[::-1]


def _is_file_list(node: ast.AST, strings: list[str], parents: dict[ast.AST, ast.AST]) -> bool:
    """A literal of data-file names only, assigned to ``rule_files`` or written inside a loading function."""
    if not all(s.endswith(DATA_SUFFIXES) for s in strings):
        return False
    parent = parents.get(node)
    if isinstance(parent, (ast.Assign, ast.AnnAssign)):
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        if any(isinstance(t, ast.Name) and t.id in FILE_LIST_TARGETS for t in targets):
            return True
    return bool(LOADING_FUNCTIONS & set(_scope(node, parents)))


def word_lists(source: str) -> list[tuple[int, list[str]]]:
    """(line, strings) of every tuple/list/set literal holding MIN_STRINGS or more string constants
    (``frozenset({...})`` and ``set([...])`` are caught through their literal argument)."""
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            continue
        strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(strings) >= MIN_STRINGS and not _is_file_list(node, strings, parents):
            found.append((node.lineno, strings))
    return sorted(found)


def long_functions(source: str, limit: int = MAX_LINES) -> list[tuple[str, int]]:
    """(name, lines) of every function or method longer than ``limit`` lines, from ``def`` to its last line."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = node.end_lineno - node.lineno + 1
            if n > limit:
                out.append((node.name, n))
    return out


def _module_of(node: ast.ImportFrom) -> str:
    """The absolute module of a relative import inside ``eventie`` ("..resources" -> "eventie.resources")."""
    return f"eventie.{node.module}" if node.level and node.module else (node.module or "eventie")


def _reader_names(tree: ast.AST) -> tuple[set[str], set[str]]:
    """(functions, modules): the local names bound to a package-data reader by this module's imports
    (modules dotted as written: ``import importlib.resources`` binds "importlib.resources", not "importlib")."""
    functions: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in READER_MODULES:
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.ImportFrom):
            module = _module_of(node)
            for alias in node.names:
                local = alias.asname or alias.name
                if module in READER_MODULES or alias.name in READER_NAMES.get(module, ()):
                    functions.add(local)
                elif f"{module}.{alias.name}" in READER_MODULES:
                    modules.add(local)  # "from .. import resources", "from importlib import resources"
    return functions, modules


def _dotted(node: ast.AST) -> str | None:
    """"importlib.resources" for the expression ``importlib.resources``; None for anything but names and dots."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def data_reads(source: str) -> list[tuple[int, str]]:
    """(line, "Class.function") of every use of a package-data reader outside ``initialize``/``_load_rules``.

    A use is any load of a reader's name (a call, or the function passed on to be called later), or of an
    attribute of a reader module (``resources.gazetteer``); the import statement itself is no use.
    """
    tree = ast.parse(source)
    parents = _parents(tree)
    functions, modules = _reader_names(tree)
    found = []
    for node in ast.walk(tree):
        named = isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in functions
        attr = isinstance(node, ast.Attribute) and _dotted(node.value) in modules
        if not (named or attr):
            continue
        scope = _scope(node, parents)
        if not LOADING_FUNCTIONS & set(scope):
            found.append((node.lineno, ".".join(scope) or "<module>"))
    return sorted(found)


def _sources(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


# --- the checkers catch what they are meant to --------------------------------------------------------
OFFENDING = '''
from ..resources import gazetteer, cue_rules as cues
from .. import resources
from ..rules import read_packaged
import importlib.resources

HONORIFICS = ("Mr", "Mrs", "Dr")
class Tagger:
    rule_files = ("cues.jsonl", "claim_words.yaml")
    def __call__(self, doc):
        if doc[0].lower_ in {"said", "told", "added"}:
            return frozenset(["a", "b", "c"])
        pattern = [{"LOWER": {"IN": ["killed", "wounded", "hurt"]}}]
        self.gaz = gazetteer()
        loader = cues
        text = read_packaged("x.yaml")
        raw = resources.casualty_lexicon()
        return importlib.resources.files("eventie")
    def names(self):
        return ["one.yaml", "two.csv", "three.jsonl"]
    def initialize(self):
        files = ["a.yaml", "b.csv", "c.jsonl"]
        self.table = gazetteer()
        self.words = read_packaged("y.yaml")
    def _load_rules(self, rules):
        self.cues = cues()
'''


def test_word_list_checker_finds_literals():
    found = word_lists(OFFENDING)
    assert [strings for _line, strings in found] == [
        ["Mr", "Mrs", "Dr"], ["said", "told", "added"], ["a", "b", "c"], ["killed", "wounded", "hurt"],
        ["one.yaml", "two.csv", "three.jsonl"],  # file names, but neither rule_files nor a loading function
    ]
    assert word_lists('X = ("a", "b")\nY = ("a", 1, 2)\nZ = ["x.yaml", "y.csv", "z.jsonl"]\n') == [(3, ["x.yaml", "y.csv", "z.jsonl"])]
    assert word_lists('rule_files = ("a.yaml", "b.csv", "c.jsonl")\n') == []
    assert word_lists('rule_files = ("a.yaml", "b.csv", "words")\n') == [(1, ["a.yaml", "b.csv", "words"])]


def test_long_function_checker_counts_lines():
    body = "\n".join(f"    x{i} = {i}" for i in range(49))
    assert long_functions(f"def ok():\n{body}\n") == []  # 50 lines with the def
    method = "\n".join("    " + line for line in body.split("\n"))
    assert long_functions(f"class A:\n    def long(self):\n{method}\n        return 1\n") == [("long", 51)]


def test_data_read_checker_finds_reads_outside_initialize():
    found = data_reads(OFFENDING)
    assert [where for _line, where in found] == ["Tagger.__call__"] * 5
    assert sorted(line for line, _where in found) == [14, 15, 16, 17, 18]
    assert data_reads("from ..rules import Rules, parse_yaml\ndef f(t):\n    return parse_yaml('a', t, None)\n") == []
    assert data_reads("import pkgutil\nX = pkgutil.get_data('eventie', 'data/x.csv')\n") == [(2, "<module>")]
    assert data_reads("from importlib import resources as r\ndef f():\n    return r.files('eventie')\n") == [(3, "f")]
    assert data_reads("import importlib.resources\nimport importlib\nm = importlib.import_module('x')\n") == []


# --- the source keeps to the rules --------------------------------------------------------------------
@pytest.mark.parametrize("path", _sources(COMPONENTS), ids=lambda p: str(p.relative_to(SRC)))
def test_no_word_lists_in_components(path: Path):
    found = word_lists(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(SRC)}: word lists belong in data/ (or grammar.py / labels.py): {found}"


def test_no_function_over_50_lines():
    found = [(str(p.relative_to(SRC)), name, n) for p in _sources(SRC) for name, n in long_functions(p.read_text(encoding="utf-8"))]
    assert not found, f"functions over {MAX_LINES} lines: {found}"


def test_components_read_data_only_when_initialised():
    found = {(p.name, where): line for p in _sources(COMPONENTS) for line, where in data_reads(p.read_text(encoding="utf-8"))}
    unexpected = {k: v for k, v in found.items() if k not in ALLOWED_READS}
    assert not unexpected, f"package data read outside initialize/_load_rules: {unexpected}"
    assert ALLOWED_READS <= set(found), f"stale ALLOWED_READS entries: {ALLOWED_READS - set(found)}"


def test_every_yaml_key_is_documented():
    """Every word list (top-level key) of the YAML data files is named in docs/rules.md
    (``python scripts/rule_keys.py --write`` lists them with their files' comments)."""
    doc = (SRC.parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = [
        f"{path.name}: {key}"
        for path in sorted((SRC / "data").glob("*.yaml"))
        for key in (yaml.safe_load(path.read_text(encoding="utf-8")) or {})
        if f"`{key}`" not in doc
    ]
    assert not missing, f"undocumented data-file keys (run scripts/rule_keys.py --write): {missing}"
