"""``python -m sec_redline`` is the ``sec-redline`` command."""

import sys

from .cli import main

sys.exit(main())
