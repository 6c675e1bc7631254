"""Write N synthetic, valid profiles into a folder, to measure how the tool scales.

    python benchmarks/synthetic.py 10000 /tmp/synthetic-10k

Each profile is a fictional state with documents, a CERT, memberships of packaged organisations
and cooperation with other synthetic profiles, so every command has work to do; its text is
padded to the average size of the packaged profiles (``--size`` sets another), so that the
benchmark measures files like the real ones.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "cyber",
    "resilience",
    "critical",
    "infrastructure",
    "incident",
    "response",
    "capacity",
    "building",
    "exercise",
    "strategy",
    "cooperation",
    "national",
    "security",
    "information",
    "protection",
    "agency",
    "centre",
    "network",
)
ORGS = ("nato", "osce", "un", "council-of-europe", "african-union", "oas", "asean")


def _code(n: int, width: int) -> str:
    letters = []
    for _ in range(width):
        n, r = divmod(n, 26)
        letters.append(chr(ord("A") + r))
    return "".join(reversed(letters))


#: The alpha-2 codes ISO 3166 leaves to users (AA, QM-QZ, XA-XZ, ZZ): no real state has them.
USER_ALPHA2 = (
    "AA",
    *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"),
    *(f"X{_code(i, 1)}" for i in range(26)),
    "ZZ",
)


def packaged_average() -> int:
    """The average size in bytes of the packaged profiles (``data/`` of this checkout)."""
    files = list((Path(__file__).resolve().parent.parent / "data").glob("*.toml"))
    return sum(f.stat().st_size for f in files) // max(len(files), 1)


def profile(n: int, total: int, rng: random.Random, size: int = 0) -> str:
    pid = f"synthetic-{n:05d}"
    lines = [
        f'id = "{pid}"',
        f'name = "Synthetica {n}"',
        f'official_name = "Republic of Synthetica {n}"',
    ]
    # A state needs ISO codes, and a look-up must never be ambiguous; the user-assigned codes
    # run out after a few dozen states, so the rest are organisations, which have none.
    if n < len(USER_ALPHA2):
        lines += ['kind = "state"', f'iso2 = "{USER_ALPHA2[n]}"', f'iso3 = "X{_code(n, 2)}"']
    else:
        lines += ['kind = "organisation"']
    lines += [
        f'aliases = ["Synth {n}"]',
        f'region = "{rng.choice(["Europe", "Africa", "Asia", "Americas", "Oceania"])}"',
        f'summary = "{" ".join(rng.choices(WORDS, k=30))}"',
        'sources = ["https://example.org/synthetic"]',
        "reviewed = 2026-01-01",
    ]
    for _ in range(rng.randint(1, 3)):
        year = rng.randint(2000, 2025)
        lines += [
            "",
            "[[documents]]",
            f'title = "{" ".join(rng.choices(WORDS, k=5)).title()} {year}"',
            f'kind = "{rng.choice(["strategy", "law", "policy"])}"',
            f"year = {year}",
            'status = "in-force"',
            f'summary = "{" ".join(rng.choices(WORDS, k=20))}"',
            'source = "https://example.org/synthetic/doc"',
        ]
    lines += [
        "",
        "[cert]",
        'status = "established"',
        f'name = "Synthetic CERT {n}"',
        f"year = {rng.randint(1995, 2025)}",
        'source = "https://example.org/synthetic/cert"',
    ]
    for org in rng.sample(ORGS, 2):
        lines += [
            "",
            "[[memberships]]",
            f'organisation = "{org}"',
            f"year = {rng.randint(1950, 2020)}",
            'source = "https://example.org/synthetic/member"',
        ]
    for _ in range(rng.randint(0, 3)):
        partner = f"synthetic-{rng.randrange(total):05d}"
        if partner == pid:
            continue
        lines += [
            "",
            "[[cooperation]]",
            f'partner = "{partner}"',
            f'kind = "{rng.choice(["mou", "joint-exercise", "donation", "dialogue"])}"',
            f"year = {rng.randint(2000, 2025)}",
            f'summary = "{" ".join(rng.choices(WORDS, k=15))}"',
            'source = "https://example.org/synthetic/coop"',
        ]
    text = "\n".join(lines) + "\n"
    if len(text) < size:  # pad with a note, as real profiles carry notes and long summaries
        words = []
        while len(text) + sum(len(w) + 1 for w in words) + 40 < size:
            words.append(rng.choice(WORDS))
        text += f'\n[[critical_infrastructure]]\ntitle = "Critical infrastructure {n}"\n'
        text += f'summary = "{" ".join(words)}"\nsource = "https://example.org/synthetic/ci"\n'
    return text


def generate(count: int, folder: Path, seed: int = 1, size: int | None = None) -> None:
    """Write ``count`` profiles of about ``size`` bytes (default: the packaged average)."""
    rng = random.Random(seed)
    target = packaged_average() if size is None else size
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = profile(n, count, rng, target)
        (folder / f"synthetic-{n:05d}.toml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", type=int, help="bytes per profile (default: packaged average)")
    args = parser.parse_args()
    generate(args.count, args.folder, size=args.size)


if __name__ == "__main__":
    main()
