"""Create and drop a DatabaseCache table from a migration (0008, 0011), as ``createcachetable`` would."""
from django.core.management.commands.createcachetable import Command as CreateCacheTable


def creating(table: str):
    """A RunPython function creating ``table`` in the migrated database."""
    def create(apps, schema_editor):
        command = CreateCacheTable()
        command.verbosity = 0
        command.create_table(schema_editor.connection.alias, table, dry_run=False)

    return create


def dropping(table: str):
    """A RunPython function dropping ``table``."""
    def drop(apps, schema_editor):
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")

    return drop
