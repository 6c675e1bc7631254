"""Keeping data text inert: control, invisible and direction-changing characters are shown as
escapes, never obeyed by a terminal or allowed to shift a column; and the width text takes.

Text in data files is data. A profile's summary may hold an escape sequence, a right-to-left
override or a zero-width joiner; printed raw, the first could retitle a window or clear the screen
and the others would make a table lie about which cell is which.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

# C0 controls except tab and newline, DEL, C1 controls; the Unicode line and paragraph
# separators; and invisible format characters: zero-width spaces and joiners, direction marks,
# embeddings, overrides and isolates, the word joiner and invisible operators, the BOM.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
# The same, newline and tab included: for text that must stay on one line (a table cell, a name).
_CONTROL_OR_BREAK = re.compile(_CONTROL.pattern[:-1] + "\t\n]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with each control or invisible character replaced by a visible escape, e.g. ESC
    by ``\\x1b`` and a right-to-left override by ``\\u202e``; newlines and tabs are kept."""
    if text.isascii() and text.isprintable():
        return text
    return _CONTROL.sub(_escape, text)


def one_line(text: str) -> str:
    """``text`` escaped as by ``escape_controls``, with newlines and tabs escaped too."""
    if text.isascii() and text.isprintable():
        return text
    return _CONTROL_OR_BREAK.sub(_escape, text)


def char_width(char: str) -> int:
    """Terminal cells a character takes: wide East Asian characters two, combining marks none."""
    if char.isascii():
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def width(text: str) -> int:
    """Terminal cells ``text`` takes on one line."""
    if text.isascii():
        return len(text)
    # ASCII characters take one cell each: only the others need looking up.
    return len(text) + sum(char_width(c) - 1 for c in _NON_ASCII.findall(text))


def display_path(path: Path | str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 (kept by Python as surrogates) are
    shown as ``\\xNN`` escapes, control characters likewise."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = os.fsencode(text).decode("utf-8", errors="backslashreplace")
    return one_line(text)
