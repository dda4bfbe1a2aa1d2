"""`python -m osteoviz` runs the same command line as the `osteoviz` script."""

from .cli import main

raise SystemExit(main())
