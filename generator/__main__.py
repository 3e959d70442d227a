from generator.adapters.cli import main

raise SystemExit(main())
