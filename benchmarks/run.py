"""Benchmark cyberprofiles against the Python start-up floor (``python -c pass``).

    python benchmarks/run.py                 # start-up ratios, 21 interleaved rounds
    python benchmarks/run.py --scale         # also 1k and 10k synthetic profiles
    python benchmarks/run.py --rounds 41 --markdown

The machines are shared and noisy, so commands are measured interleaved (round-robin) and only
medians and ratios to the floor measured in the same run are reported. The packaged data needs no
cache (its index ships in the wheel), so every run is a first run: the cache folder is empty
throughout. With --scale, a user's own 1,000 and 10,000 profiles (of the packaged profiles'
average size) are measured on the first run (empty cache; the median of three, each with a cache
of its own) and on later runs. Uses the ``cyberprofiles`` command next to the running Python
(install the project first, not editable).
"""

from __future__ import annotations

import argparse
import os
import platform
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
COMMAND = str(BIN / "cyberprofiles") if (BIN / "cyberprofiles").exists() else "cyberprofiles"

#: name: (command, whether it runs on a pseudo-terminal)
STARTUP = {
    "python -c pass (floor)": ([sys.executable, "-c", "pass"], False),
    "show serbia --format json": ([COMMAND, "show", "serbia", "--format", "json"], False),
    "list (table, terminal)": ([COMMAND, "list"], True),
    "list (piped)": ([COMMAND, "list"], False),
    'search "critical infrastructure" (terminal)': (
        [COMMAND, "search", "critical infrastructure"],
        True,
    ),
    'search "critical infrastructure" (piped)': (
        [COMMAND, "search", "critical infrastructure"],
        False,
    ),
    "show serbia (table, terminal)": ([COMMAND, "show", "serbia"], True),
    "--help": ([COMMAND, "--help"], False),
}
TARGETS = {
    "show serbia --format json": 6,
    "list (table, terminal)": 9,
    'search "critical infrastructure" (terminal)': 9,
}
#: Targets for 10,000 profiles of a user's own: first run, later runs (seconds), peak MiB.
SCALE_TARGETS = (4.0, 0.6, 200)
# Peak memory of a child: it reports its own ru_maxrss (KiB on Linux) on stderr at exit.
MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
)


def timed(cmd: list[str], env: dict[str, str], tty: bool = False) -> float:
    """Wall time of one run; with ``tty`` the command writes to a pseudo-terminal (the Rich
    rendering people see) and its output is drained as it comes."""
    if not tty:
        start = time.perf_counter()
        subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
        )
        return time.perf_counter() - start
    leader, follower = pty.openpty()
    drain = threading.Thread(target=_drain, args=(leader,), daemon=True)
    drain.start()
    start = time.perf_counter()
    subprocess.run(cmd, stdout=follower, stderr=subprocess.DEVNULL, env={**env, "COLUMNS": "120"})
    elapsed = time.perf_counter() - start
    os.close(follower)
    drain.join(timeout=5)
    os.close(leader)
    return elapsed


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def interleaved(
    commands: dict[str, tuple[list[str], bool]], rounds: int, env: dict[str, str]
) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for cmd, tty in commands.values():  # warm-up: the file system's cache
        timed(cmd, env, tty)
    for _ in range(rounds):
        for name, (cmd, tty) in commands.items():
            samples[name].append(timed(cmd, env, tty))
    return {name: statistics.median(values) for name, values in samples.items()}


def peak_mib(cmd: list[str], env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, env=env
    )
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def startup(rounds: int, env: dict[str, str]) -> list[tuple[str, float, float, str]]:
    medians = interleaved(STARTUP, rounds, env)
    floor = medians["python -c pass (floor)"]
    rows = []
    for name, value in medians.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("ok" if value / floor <= target else f"over {target}x")
        rows.append((name, value * 1000, value / floor, verdict))
    return rows


def scale(rounds: int, env: dict[str, str]) -> list[tuple[str, int, float, float, float]]:
    sys.path.insert(0, str(HERE))
    from synthetic import generate

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in (1000, 10000):
            folder = Path(tmp) / f"s{count}"
            generate(count, folder)
            data = ["--data", str(folder)]
            pair = ["synthetica 1", "synthetica 2"]
            commands = {
                "show --json": ([COMMAND, "show", "synthetic-00007", "--json", *data], False),
                "show (terminal)": ([COMMAND, "show", "synthetica 7", *data], True),
                "list (terminal)": ([COMMAND, "list", *data], True),
                "list --json": ([COMMAND, "list", "--json", *data], False),
                "search (terminal)": ([COMMAND, "search", "critical infrastructure", *data], True),
                "compare (terminal)": ([COMMAND, "compare", *pair, *data], True),
                "partners --format csv": ([COMMAND, "partners", "--format", "csv", *data], False),
                "timeline (terminal)": ([COMMAND, "timeline", *data], True),
                "stats (terminal)": ([COMMAND, "stats", *data], True),
                "validate": ([COMMAND, "validate", str(folder)], False),
            }
            os.sync()  # a user's files are on disk before the first run: no writeback under way
            # The first run, with an empty cache each time: the median of three.
            colds = []
            for attempt in range(3):
                cache = Path(tmp) / f"cache{count}-{attempt}"
                first_env = {**env, "CYBERPROFILES_CACHE_DIR": str(cache)}
                colds.append(timed(commands["list (terminal)"][0], first_env, True))
            cold = statistics.median(colds)
            cold_env = {**env, "CYBERPROFILES_CACHE_DIR": str(cache)}
            medians = interleaved(commands, rounds, cold_env)
            for name, (cmd, _) in commands.items():
                rows.append((name, count, medians[name], peak_mib(cmd, cold_env), cold))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--scale", action="store_true", help="also measure 1k and 10k profiles")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CYBERPROFILES_CACHE_DIR": cache}
        env.pop("CYBERPROFILES_DATA", None)
        env["CYBERPROFILES_PAGER"] = ""  # a pager would wait for a key on the pseudo-terminal
        rows = startup(args.rounds, env)
        scaled = scale(max(3, args.rounds // 7), env) if args.scale else []

    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    print(f"Machine: {machine}; {args.rounds} interleaved rounds, medians\n")
    if args.markdown:
        print("| command | median ms | × floor | target |\n| --- | ---: | ---: | --- |")
        for name, ms, ratio, verdict in rows:
            print(f"| `{name}` | {ms:.1f} | {ratio:.1f} | {verdict} |")
    else:
        for name, ms, ratio, verdict in rows:
            print(f"{name:46s} {ms:8.1f} ms {ratio:6.1f}x  {verdict}")
    if scaled:
        print()
        if args.markdown:
            print("| command | profiles | median s (warm) | peak MiB | first run s (cold) |")
            print("| --- | ---: | ---: | ---: | ---: |")
            for name, count, sec, mib, cold in scaled:
                print(f"| `{name}` | {count} | {sec:.2f} | {mib:.0f} | {cold:.2f} |")
        else:
            for name, count, sec, mib, cold in scaled:
                print(
                    f"{name:22s} {count:6d} profiles {sec:7.2f} s {mib:7.0f} MiB"
                    f"  (cold {cold:.2f} s)"
                )
    if shutil.which("hyperfine"):
        print("\n(hyperfine is installed: e.g. hyperfine -N 'cyberprofiles show serbia --json')")


if __name__ == "__main__":
    main()
