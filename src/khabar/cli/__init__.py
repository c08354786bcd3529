"""The command line: ``khabar`` and ``python -m khabar``."""
