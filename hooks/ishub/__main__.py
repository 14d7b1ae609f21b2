"""`python -m ishub check|themes|new`."""

import sys

from .cli import main

sys.exit(main())
