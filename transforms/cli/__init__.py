"""The gaptrack command line, the top layer of transforms: the only code that knows argparse.

`main` parses the arguments and runs the command's handler. Each feature adds its commands
from its own module here (core: build, export, summary, synth, serve; check; edit; report;
diff; ingest); shared options are in `options`, terminal formatting in `terminal`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from ..presentation.i18n import t
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
    (DataError, UsageError, OSError), nothing changed, in the command's --lang where it has one;
    0 when the reader of its output went away (`| head`); otherwise the command's status."""
    args = parser().parse_args(argv)
    lang = getattr(args, "lang", "en")
    try:
        status = run(args)
        sys.stdout.flush()  # here, not at exit, so that a reader gone away is caught below
        return status
    except BrokenPipeError:  # the reader went away (gaptrack export items | head): a normal end
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that Python's final flush does not fail again
        return 0
    except DataError as err:
        print(f"gaptrack: {err.message(lang)}\n{t(lang, 'nothing_changed')}", file=sys.stderr)
        return 2
    except UsageError as err:
        print(f"gaptrack: {err.message(lang) if hasattr(err, 'message') else err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"gaptrack: {err.strerror}: {err.filename}", file=sys.stderr)
        return 2
