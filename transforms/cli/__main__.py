"""`python -m transforms.cli ARGS`: the same as `gaptrack ARGS`."""

import sys

from . import main

sys.exit(main())
