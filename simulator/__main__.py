"""``python -m simulator`` is the ``smm`` command."""

import sys

from simulator.cli import main

sys.exit(main())
