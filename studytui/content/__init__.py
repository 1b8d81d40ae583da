"""Content model and loader (pure Python: no Textual here)."""

from studytui.content.loader import load_library
from studytui.content.model import ContentProblem, Library, Option, Question, Section, Topic

__all__ = ["ContentProblem", "Library", "Option", "Question", "Section", "Topic", "load_library"]
