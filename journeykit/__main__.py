"""``python -m journeykit`` runs the command line."""

import sys

from journeykit.cli import main

sys.exit(main())
