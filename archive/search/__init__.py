"""Chinese full-text search in two parts.

- :mod:`archive.search.text`: pure Python (no Django): tokens for the index,
  the query language, highlighting, the segmenter.
- :mod:`archive.search.index`: the index on SQLite FTS5 and PostgreSQL, the
  hooks through which every write keeps it in step, and the one entry point
  (:mod:`archive.search.index.service`) that services, filters and views call.

This module imports neither, so ``archive.search.text`` loads without Django.
"""
