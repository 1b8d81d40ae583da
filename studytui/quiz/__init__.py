"""Quiz engine (pure Python): generated questions, sessions, grading."""
