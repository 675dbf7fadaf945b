"""DDL of the search index per database vendor (used by the migrations, ``clear`` and tests).

Kept in code rather than copied into a migration so the tables and the
backends that query them cannot drift apart.

Every indexed story has a **key**: ``issue date ordinal << 32 | article id``,
negated while the story is unpublished. Ordering by key is "newest issue
first", a date range is a key range, and public search is ``key > 0``, all
answered inside the index without joining the article tables.
"""
META_TABLE = "archive_search_meta"
ROW_TABLE = "archive_search_row"  # SQLite: the FTS5 table's external content
FTS_TABLE = "archive_search_fts"
PG_TABLE = "archive_search_document"
PG_NEWEST_INDEX = f"{PG_TABLE}_newest"
PG_INDEXES = {
    # Partial GIN indexes: public search reads only published stories' postings.
    f"{PG_TABLE}_public": f"ON {PG_TABLE} USING gin (document) WHERE key > 0",
    f"{PG_TABLE}_drafts": f"ON {PG_TABLE} USING gin (document) WHERE key < 0",
    f"{PG_TABLE}_title": f"ON {PG_TABLE} USING gin (title) WHERE key > 0",
}

_META = f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key varchar(50) PRIMARY KEY, value varchar(200) NOT NULL)"
_COLUMNS = "title, body, title_chars, body_chars"

_CREATE = {
    # The external content holds the prepared token text (sequence and
    # character fields) so FTS5 can delete a row's postings from the values it
    # indexed (contentless deletes need SQLite 3.43+; Debian 12 has 3.40).
    # `ascii` splits on ASCII punctuation and space only: the tokens are
    # already prepared, lower-cased and space-separated. columnsize=0: no
    # bm25, so no per-row sizes.
    "sqlite": [
        f"""CREATE TABLE IF NOT EXISTS {ROW_TABLE} (
            key INTEGER PRIMARY KEY, article_id INTEGER NOT NULL UNIQUE,
            title TEXT NOT NULL, body TEXT NOT NULL, title_chars TEXT NOT NULL, body_chars TEXT NOT NULL)""",
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_COLUMNS},
            content='{ROW_TABLE}', content_rowid='key', tokenize='ascii', detail=full, columnsize=0)""",
        f"""CREATE TRIGGER IF NOT EXISTS {ROW_TABLE}_ai AFTER INSERT ON {ROW_TABLE} BEGIN
            INSERT INTO {FTS_TABLE} (rowid, {_COLUMNS})
            VALUES (new.key, new.title, new.body, new.title_chars, new.body_chars); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {ROW_TABLE}_ad AFTER DELETE ON {ROW_TABLE} BEGIN
            INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {_COLUMNS})
            VALUES ('delete', old.key, old.title, old.body, old.title_chars, old.body_chars); END""",
    ],
    # No foreign key: the services' articles_removed hook deletes rows, and a
    # reference would make flushing archive_article (TRUNCATE) fail in tests.
    # `title` holds the title lines alone (the relevance tier), `document`
    # everything searchable; both from prepared tokens with the `simple`
    # configuration, so no locale or Chinese parser is involved.
    "postgresql": [
        f"""CREATE TABLE IF NOT EXISTS {PG_TABLE} (
            article_id bigint PRIMARY KEY, key bigint NOT NULL,
            title tsvector NOT NULL, document tsvector NOT NULL)""",
        # On -key, not key: only a walk newest first (ORDER BY -key) can use it.
        # A btree on key also serves `key > 0`, and for a word in nearly every
        # story the planner then preferred it to the GIN index, re-testing each
        # story's tsvector (counting 的 in 20,000 stories: 197 ms against 11 ms;
        # tests/search/test_search_postgres_plans.py checks the plans).
        f"CREATE INDEX IF NOT EXISTS {PG_NEWEST_INDEX} ON {PG_TABLE} ((-key))",
        *(f"CREATE INDEX IF NOT EXISTS {name} {spec}" for name, spec in PG_INDEXES.items()),
    ],
}

_DROP = {
    "sqlite": [f"DROP TABLE IF EXISTS {FTS_TABLE}", f"DROP TABLE IF EXISTS {ROW_TABLE}"],
    "postgresql": [f"DROP TABLE IF EXISTS {PG_TABLE}"],
}


def create_sql(vendor: str) -> list[str]:
    """Statements creating the index for ``vendor`` (none for an unsupported database)."""
    return [*_CREATE[vendor], _META] if vendor in _CREATE else []


def index_sql(vendor: str) -> list[str]:
    """Statements creating the index tables only (the meta table is left as it is)."""
    return list(_CREATE.get(vendor, []))


def table_drop_sql(vendor: str) -> list[str]:
    """Statements dropping the index tables only."""
    return list(_DROP.get(vendor, []))


def drop_sql(vendor: str) -> list[str]:
    return [*_DROP[vendor], f"DROP TABLE IF EXISTS {META_TABLE}"] if vendor in _DROP else []
