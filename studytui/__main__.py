from studytui.cli import main

raise SystemExit(main())
