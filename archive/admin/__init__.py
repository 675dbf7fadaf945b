"""The editors' admin (Chinese UI), one module per concept.

Importing the modules registers their ModelAdmins with the default site.
"""
from . import articles, corrections, issues, people  # noqa: F401
