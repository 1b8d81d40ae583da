"""The Textual user interface: screens, widgets and styles. Only this package imports Textual."""
