"""The gaptrack command line, the top layer of transforms: the only code that knows argparse.

`main` parses the arguments and runs the command's handler. Each feature adds its commands
from its own module here (core: build, export, summary, synth, serve; check; edit; report;
diff; ingest); shared options are in `options`, terminal formatting in `terminal`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..record.errors import DataError, UsageError

# Modules that add their own commands: each has add_command(commands), which adds one or more
# subparsers and sets `handler` (args -> exit status) on them through set_defaults.
FEATURES: tuple[str, ...] = ("core", "check", "edit", "addresses", "report", "diff", "ingest", "merge", "publish")


def parser() -> argparse.ArgumentParser:
    """The `gaptrack` argument parser with every command of FEATURES, in that order."""
    top = argparse.ArgumentParser(
        prog="gaptrack",
        description="How far the Working Group on Trafficking in "
        "Persons has covered the Global Plan of Action, session by session.",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in FEATURES:
        importlib.import_module(f".{name}", __package__).add_command(commands)
    return top


def run(args) -> int:
    """Run the parsed command's handler; returns its exit status."""
    return args.handler(args)


def main(argv: list[str] | None = None) -> int:
    """Run `gaptrack ARGS`; returns the exit status: 2 with one message on bad data or a bad value
    (DataError, UsageError, OSError), nothing changed; otherwise the command's status."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except DataError as err:
        print(f"gaptrack: {err}\nNothing was changed.", file=sys.stderr)
        return 2
    except UsageError as err:
        print(f"gaptrack: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"gaptrack: {err.strerror}: {err.filename}", file=sys.stderr)
        return 2
