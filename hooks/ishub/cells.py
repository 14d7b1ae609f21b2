"""Spreadsheet cells that would run: CSV injection, judged in one place.

The hub's own catalogue.csv gives such a cell a leading apostrophe (OWASP's advice),
and a CSV file a contributor puts beside the content is refused if it holds one.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Other forms some spreadsheets take for the operators: full-width, small and the minus sign.
LOOKALIKE_STARTS = ("\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63", "\u2212")
# What a spreadsheet skips before a formula: spaces, and characters that show as nothing.
_SKIPPED = " \u00a0\u3000\u2028\u2029\u200b\u2060\ufeff\u00ad\x0b\x0c\x1c\x1d\x1e\x1f\n"


def starts_formula(value: str) -> bool:
    """Whether a spreadsheet would read the cell as a formula.

    A tab or carriage return first is itself a start OWASP names; otherwise the check
    looks past leading spaces and invisible characters (" =1+1" is a formula).
    """
    return value.startswith(FORMULA_STARTS) or value.lstrip(_SKIPPED).startswith(
        FORMULA_STARTS + LOOKALIKE_STARTS
    )


def inert_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs: one that would start a formula
    gets a leading apostrophe."""
    return "'" + value if starts_formula(value) else value
