"""clean: a scraped page or text dump to the article body, title, outlet and publication date.

The body is verbatim: page furniture (share and comment widgets, related-article lists, photo
credits, datelines, banners) is dropped line by line and the kept lines are never edited, so
every later span points at what the source said. ``clean_html`` extracts the main text with
trafilatura first and then runs the same line pass.
"""

from __future__ import annotations

from .html import CleanError, clean_html
from .text import VERSION, Cleaned, clean_text, clean_title, explain

__all__ = ["Cleaned", "CleanError", "clean_text", "clean_html", "clean_title", "explain", "VERSION"]
