"""`python -m generator`: the command line (see generator/adapters/cli.py)."""

from generator.adapters.cli import main

raise SystemExit(main())
