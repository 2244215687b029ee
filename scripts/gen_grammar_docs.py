"""Regenerate the lexicon section of docs/grammar.md from src/planwatch/phrases/lexicon.toml.

Run: ``.venv/bin/python scripts/gen_grammar_docs.py`` (tests/test_grammar_lexicon.py fails
when the two differ).
"""

from pathlib import Path

from planwatch.phrases.lexicon import with_lexicon

DOCS = Path(__file__).resolve().parent.parent / "docs" / "grammar.md"
DOCS.write_text(with_lexicon(DOCS.read_text(encoding="utf-8")), encoding="utf-8")
print(f"updated {DOCS}")
