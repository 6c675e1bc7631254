"""Property-based and fuzz tests for the class of defects found by hand before: random data
folders (special files, odd names, encodings, control and invisible characters in every text
field), random edits between runs checked against a run without the cache, and random
terminals (widths, encodings, colour settings). A bounded run in the suite; raise
CYBERPROFILES_FUZZ_EXAMPLES for a longer one."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cyberprofiles import output
from cyberprofiles.dataset import load
from cyberprofiles.errors import DataError
from cyberprofiles.results import Profiles
from cyberprofiles.terminal import width

EXAMPLES = int(os.environ.get("CYBERPROFILES_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

#: Text with what breaks terminals and tables: controls, direction overrides, zero-width and
#: combining characters, wide characters, line separators, markup.
nasty = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("\x1b\x07\x9b\u202e\u200b\u200d\u0301\u2028\n\t[]/界")),
    ),
    min_size=1,
    max_size=40,
).filter(str.strip)

profile = st.fixed_dictionaries(
    {
        "name": nasty,
        "kind": st.just("organisation"),
        "reviewed": st.dates(),
    },
    optional={
        "summary": nasty,
        "aliases": st.lists(nasty, max_size=2),
        "official_name": nasty,
        "region": nasty,
    },
)
file_names = st.one_of(
    st.just("ok"),
    st.text(alphabet="abcdefghij-.# ", min_size=1, max_size=8),
    st.binary(min_size=1, max_size=6).map(lambda b: b.replace(b"/", b"_").replace(b"\0", b"_")),
)
entry = st.one_of(
    st.tuples(st.just("profile"), file_names, profile),
    st.tuples(st.just("bytes"), file_names, st.binary(max_size=200)),
    st.tuples(st.just("fifo"), file_names, st.none()),
    st.tuples(st.just("folder"), file_names, st.none()),
    st.tuples(st.just("dangling"), file_names, st.none()),
)
# What a terminal must never receive from data: C0/C1 controls but newline, and the
# invisible or direction-changing characters.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def _make(folder: Path, entries: list[tuple[str, object, object]]) -> None:
    for n, (kind, name, content) in enumerate(entries):
        raw = name if isinstance(name, bytes) else str(name).encode()
        path = os.fsencode(folder) + b"/" + raw + f"{n}.toml".encode()
        if kind == "profile":
            data = {"id": f"p{n}", **content}  # type: ignore[dict-item]
            with open(path, "wb") as out:
                out.write(tomli_w.dumps(data).encode())
        elif kind == "bytes":
            with open(path, "wb") as out:
                out.write(content)  # type: ignore[arg-type]
        elif kind == "fifo" and hasattr(os, "mkfifo"):
            os.mkfifo(path)
        elif kind == "folder":
            os.mkdir(path)
        elif kind == "dangling":
            os.symlink(b"nowhere", path)


@FUZZ
@given(st.lists(entry, max_size=6), st.integers(min_value=30, max_value=160))
def test_random_data_folders_load_or_explain_and_print_safely(
    tmp_path_factory, entries, size
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("rand")
    _make(folder, entries)
    try:
        data = load([folder], packaged=False, use_env=False, cache=False)
    except DataError as error:
        assert error.problems and all(str(p) for p in error.problems)
        assert not _UNSAFE.search(str(error).replace("\n", ""))
        return
    for pages in (False, True):
        lines = Profiles(list(data), data, pages=pages).view(size)
        for line in lines:
            text = "".join(s.text for s in line)
            assert not _UNSAFE.search(text), repr(text)
            if width(text.rstrip()) > size:
                assert re.fullmatch(r"\s*(\[\d+\] )?https?://\S+\s*", text), repr(text)


ORG = (
    'id = "{id}"\nname = "{name}"\nkind = "organisation"\nsummary = "{summary}"\n'
    "reviewed = 2026-01-01\n"
)
edits = st.lists(
    st.tuples(
        st.sampled_from(["alpha", "beta", "gamma"]),
        st.text(alphabet="abcxyz ", min_size=1, max_size=6).filter(str.strip),
        st.text(alphabet="abcxyz ", max_size=6),
        st.booleans(),
    ),
    min_size=1,
    max_size=8,
)


@FUZZ
@given(edits)
def test_random_edits_between_runs_give_the_answers_of_a_run_without_cache(
    tmp_path_factory, monkeypatch_env, changes
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("edits")
    for pid in ("alpha", "beta", "gamma"):
        (folder / f"{pid}.toml").write_text(ORG.format(id=pid, name=pid.title(), summary=""))
    for pid, name, summary, keep_time in changes:
        path = folder / f"{pid}.toml"
        before = path.stat()
        path.write_text(ORG.format(id=pid, name=name.strip(), summary=summary))
        if keep_time:  # as an archive tool or an editor that restores times would
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        cached = load([folder], packaged=False, use_env=False)
        fresh = load([folder], packaged=False, use_env=False, cache=False)
        assert [p.to_dict() for p in cached] == [p.to_dict() for p in fresh]
        assert [h.id for h in cached.search(name)] == [h.id for h in fresh.search(name)]


@pytest.fixture
def monkeypatch_env(tmp_path_factory: pytest.TempPathFactory) -> object:
    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("CYBERPROFILES_CACHE_DIR")
    os.environ["CYBERPROFILES_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("CYBERPROFILES_CACHE_DIR", None)
    else:
        os.environ["CYBERPROFILES_CACHE_DIR"] = old
    shutil.rmtree(folder, ignore_errors=True)


class _Stdout(io.TextIOWrapper):
    """A stdout with a chosen encoding that claims (or not) to be a terminal."""

    def __init__(self, encoding: str, tty: bool) -> None:
        super().__init__(io.BytesIO(), encoding=encoding, errors="strict")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@FUZZ
@given(
    st.integers(min_value=1, max_value=200),
    st.sampled_from(["utf-8", "iso-8859-1", "ascii", "cp1252"]),
    st.booleans(),
    st.sampled_from([{}, {"NO_COLOR": "1"}, {"TERM": "dumb"}, {"FORCE_COLOR": "1"}]),
    st.sampled_from(["show", "list", "compare", "stats"]),
)
def test_random_terminals_get_output_they_can_show(mini, size, encoding, tty, env, what) -> None:  # type: ignore[no-untyped-def]
    from cyberprofiles.compare import compare
    from cyberprofiles.results import ComparisonResult, Stats
    from cyberprofiles.stats import coverage, summary

    results = {
        "show": lambda: Profiles(list(mini), mini, pages=True),
        "list": lambda: Profiles(list(mini), mini),
        "compare": lambda: ComparisonResult(
            compare(mini, ["ruritania", "freedonia"]), mini.names()
        ),
        "stats": lambda: Stats(summary(mini), coverage(list(mini), mini), True),
    }
    stdout = _Stdout(encoding, tty)
    saved = {k: os.environ.get(k) for k in ("COLUMNS", "NO_COLOR", "TERM", "FORCE_COLOR")}
    old_stdout = output.sys.stdout
    try:
        os.environ["COLUMNS"] = str(size)
        for key in ("NO_COLOR", "TERM", "FORCE_COLOR"):
            os.environ.pop(key, None)
        os.environ.update(env)
        output.sys.stdout = stdout
        output.emit(results[what](), "table", pager=False)
    finally:
        output.sys.stdout = old_stdout
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    written = stdout.buffer.getvalue()  # type: ignore[attr-defined]
    written.decode(encoding)  # the terminal can decode every byte
    if env.get("NO_COLOR") or not (tty or env.get("FORCE_COLOR")):
        assert not re.search(rb"\x1b\[[0-9;]*3[0-9]m", written)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | nasty,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty, inner, max_size=4),
    max_leaves=12,
)


@FUZZ
@given(record=st.dictionaries(nasty, json_values, max_size=6))
def test_a_checked_record_is_the_text_json_would_write(record: dict[str, object]) -> None:
    """``list --json`` writes checked records unread; they must be what ``json.dumps`` writes."""
    import json

    from pydantic_core import to_json

    from cyberprofiles.checking import record_text

    expected = json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert record_text(record, to_json) == expected


@FUZZ
@given(
    text=st.one_of(nasty, st.text(alphabet=st.sampled_from(list("ab c\t\n-é界")), max_size=30)),
    size=st.integers(min_value=1, max_value=40),
)
def test_a_table_cell_wraps_as_wrap_does(text: str, size: int) -> None:
    # A cell whose text fits on one line is not sent through ``wrap``: it must come out the
    # same, spaces, tabs and escaped characters included.
    from cyberprofiles.layout import Cell, wrap

    cell = Cell(text)
    assert cell.lines(size) == (wrap(cell.text, size) or [""])


_WORDS = ["strategy", "strategies", "cyber", "cybersecurity", "critical", "infrastructure", "law"]


@FUZZ
@given(
    weights=st.lists(
        st.lists(st.lists(st.sampled_from(_WORDS), max_size=8), min_size=1, max_size=6),
        min_size=1,
        max_size=3,
    ),
    query=st.lists(st.sampled_from([*_WORDS, '"critical infrastructure"']), min_size=1, max_size=3),
)
def test_a_search_tally_counts_what_the_patterns_find(
    weights: list[list[list[str]]], query: list[str]
) -> None:
    # The tally reads a packed text in place, counts single words as plain text and looks for
    # meetings only in fields holding one term's letters: it must give what running every
    # term's pattern over every field gives.
    from cyberprofiles.search import (
        PHRASE_BONUS,
        TOGETHER_BONUS,
        Term,
        parse_query,
        tally,
        term_pattern,
    )
    from cyberprofiles.searchtext import fold, pack

    weighted = [
        [weight, "|".join(fold(" ".join(f)) for f in fields)]
        for weight, fields in zip((1, 3, 5), weights, strict=False)
    ]
    parsed = parse_query(" ".join(query))
    terms = [Term(t) for t in parsed]
    phrase = term_pattern([w for t in parsed for w in t]) if len(terms) > 1 else None
    counts = [0.0] * len(terms)
    bonus = 0.0
    for weight, joined in weighted:
        for n, term in enumerate(terms):
            counts[n] += weight * len(term.pattern.findall(joined))
        for field in joined.split("|"):
            if len(terms) > 1 and all(term.pattern.search(field) for term in terms):
                bonus += weight * TOGETHER_BONUS
                if phrase is not None and phrase.search(field):
                    bonus += weight * PHRASE_BONUS
    found = tally(pack(weighted), terms, phrase)
    assert (found.weighted, found.bonus) == (counts, bonus)


_TEXT_WORDS = [*_WORDS, "strategys", "strategie", "cybers", "laws", "lawies", "infrastructures"]


@FUZZ
@given(
    fields=st.lists(st.lists(st.sampled_from(_TEXT_WORDS), max_size=8), min_size=1, max_size=6),
    words=st.lists(st.sampled_from(_TEXT_WORDS), min_size=1, max_size=3),
)
def test_a_word_counted_by_its_letters_matches_what_its_pattern_finds(
    fields: list[list[str]], words: list[str]
) -> None:
    # A single word is counted with plain substring look-ups instead of its pattern, in a whole
    # text or in place within a span of it: both must give what the pattern finds there.
    from cyberprofiles.search import Term
    from cyberprofiles.searchtext import fold

    joined = "|".join(fold(" ".join(f)) for f in fields)
    for word in words:
        term = Term([word])
        assert term.count(joined) == len(term.pattern.findall(joined)), word
        start = 0
        for field in joined.split("|"):
            end = start + len(field)
            assert term.count(joined, start, end) == len(term.pattern.findall(field)), word
            if term.plain is not None:  # a field holding the needle holds the term
                assert (term.plain in field) == (term.pattern.search(field) is not None), word
            start = end + 1


_CELL_TEXT = st.one_of(
    st.just(""),
    st.sampled_from(["Serbia", "established: SRB-CERT", "2019", "-", "Côte d'Ivoire", "a  b"]),
    nasty,
)


@FUZZ
@given(
    rows=st.lists(
        st.lists(
            st.tuples(
                _CELL_TEXT,
                st.sampled_from(["", "good", "bold"]),
                st.sampled_from([None, "https://example.org/x"]),
            ),
            min_size=3,
            max_size=3,
        ),
        min_size=1,
        max_size=6,
    ),
    shape=st.lists(st.tuples(st.booleans(), st.booleans()), min_size=3, max_size=3),
    size=st.integers(min_value=40, max_value=120),
)
def test_a_table_row_laid_out_directly_prints_as_the_general_layout(
    rows: list[list[tuple[str, str, str | None]]],
    shape: list[tuple[bool, bool]],
    size: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Rows whose cells all fit on one line skip the general cell-by-cell layout: what the
    # terminal gets must be the same, styles and links included.
    from cyberprofiles import layout
    from cyberprofiles.layout import Cell, Column, Row, table

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    columns = [Column(f"H{n}", wraps=wraps, right=right) for n, (wraps, right) in enumerate(shape)]
    built = [Row([Cell(text, style, link) for text, style, link in cells]) for cells in rows]

    def printed() -> str:
        text = output._styled(table(columns, built, size), size, "utf-8", False, links=True)
        return re.sub(r"id=\d+;", "id=;", text)  # Rich numbers each link's style afresh

    direct = printed()
    with monkeypatch.context() as patched:
        patched.setattr(layout, "_one_line_row", lambda *args: None)
        general = printed()
    assert direct == general


@FUZZ
@given(record=profile)
def test_a_packed_search_text_reads_back_as_it_was(record: dict[str, object]) -> None:
    # Search texts are stored packed with two control characters as separators, which a fold
    # never holds: reading one back must give every weight and fold as they were.
    from cyberprofiles.models import Profile
    from cyberprofiles.searchtext import pack, scorable, unpack

    model = Profile.model_validate({"id": "p1", **record})
    weighted = scorable(model.model_dump(mode="json"))
    assert unpack(pack(weighted)) == weighted


@FUZZ
@given(text=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x17F)))
def test_the_words_of_a_text_are_its_folded_tokens_where_they_stand(text: str) -> None:
    # Snippets highlight at these offsets: each token of the text (letters, digits and
    # underscores), folded into its words, at the offsets of the token. Plain ASCII text takes
    # a quicker way to them, which must land on the same words and offsets.
    from cyberprofiles.names import normalise
    from cyberprofiles.searchtext import fold, words

    expected = []
    for match in re.finditer(r"\w+", text):
        expected += [(match.start(), match.end(), w) for w in normalise(match.group()).split()]
    assert list(words(text)) == expected
    assert fold(text) == " " + " ".join(w for _, _, w in expected) + " "
