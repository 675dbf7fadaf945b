"""DDL of the search index per database vendor (used by the migration and by tests).

Kept in code rather than copied into the migration so the tables and the
backends that query them cannot drift apart.
"""
META_TABLE = "archive_search_meta"
FTS_TABLE = "archive_search_fts"
PG_TABLE = "archive_search_document"

_META = f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key varchar(50) PRIMARY KEY, value varchar(200) NOT NULL)"

_CREATE = {
    # Plain FTS5 table (stores the token text: contentless deletes need SQLite 3.43+).
    # rowid = archive_article.id. `ascii` splits on ASCII punctuation/space only:
    # the tokens are already prepared, lower-cased and space-separated.
    "sqlite": [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, body, tokenize='ascii', detail=full)",
    ],
    # No foreign key: the services' articles_removed hook deletes rows, and a
    # reference would make flushing archive_article (TRUNCATE) fail in tests.
    # `document` = setweight(title, 'A') || setweight(body, 'B') built from a
    # tsvector literal with positions, so no text-search parser or locale is involved.
    "postgresql": [
        f"""CREATE TABLE IF NOT EXISTS {PG_TABLE} (
            article_id bigint PRIMARY KEY,
            document tsvector NOT NULL)""",
        f"CREATE INDEX IF NOT EXISTS {PG_TABLE}_gin ON {PG_TABLE} USING gin (document)",
    ],
}

_DROP = {
    "sqlite": [f"DROP TABLE IF EXISTS {FTS_TABLE}"],
    "postgresql": [f"DROP TABLE IF EXISTS {PG_TABLE}"],
}


def create_sql(vendor: str) -> list[str]:
    """Statements creating the index for ``vendor`` (none for an unsupported database)."""
    return [*_CREATE.get(vendor, []), _META] if vendor in _CREATE else []


def drop_sql(vendor: str) -> list[str]:
    return [*_DROP.get(vendor, []), f"DROP TABLE IF EXISTS {META_TABLE}"] if vendor in _DROP else []
