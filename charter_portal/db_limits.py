"""The database refuses a text longer than its field's ``max_length``, without touching values already stored.

A CHECK constraint would not do: PostgreSQL checks the whole new row on every UPDATE, so a row whose old text is
longer than a new limit could no longer change anything else (a status, a version). A trigger per column refuses a
too-long value on INSERT, and on UPDATE only when that column's value changes: the old text stays until someone
edits it (``flag_long_texts`` tells its owners). ``LimitTextLength`` is the migration operation that creates the
trigger (PostgreSQL: a plpgsql function and a BEFORE INSERT OR UPDATE OF trigger raising ``check_violation``;
SQLite: a BEFORE INSERT and a BEFORE UPDATE OF trigger with ``RAISE(ABORT, ...)``); both raise ``IntegrityError``
in Django. Lengths are counted in characters, as Python and the form fields count them.

SQLite drops a table's triggers when a migration rebuilds the table (any ``AlterField`` there): a migration that
alters a limited table runs its ``LimitTextLength`` operations again after the change.
tests/security/test_text_limits.py checks that every limited field has its trigger.
"""

from django.db.backends.utils import truncate_name
from django.db.migrations.operations.base import Operation


def trigger_name(table: str, column: str) -> str:
    return truncate_name(f"{table}_{column}_max_length", 63)


def _message(table: str, column: str, max_length: int) -> str:
    return f"{table}.{column} holds at most {int(max_length)} characters"


def create_statements(vendor: str, quote, table: str, column: str, max_length: int) -> list[str]:
    name, limit = trigger_name(table, column), int(max_length)
    qtable, qcolumn = quote(table), quote(column)
    message = _message(table, column, limit)
    if vendor == "postgresql":
        return [
            f"""
CREATE OR REPLACE FUNCTION {quote(name)}() RETURNS trigger AS $$
BEGIN
    -- An UPDATE that leaves the column as it was keeps an old value longer than the limit.
    IF TG_OP = 'UPDATE' THEN
        IF NEW.{qcolumn} IS NOT DISTINCT FROM OLD.{qcolumn} THEN
            RETURN NEW;
        END IF;
    END IF;
    IF char_length(NEW.{qcolumn}) > {limit} THEN
        RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""",
            f"DROP TRIGGER IF EXISTS {quote(name)} ON {qtable}",
            f"CREATE TRIGGER {quote(name)} BEFORE INSERT OR UPDATE OF {qcolumn} ON {qtable} "
            f"FOR EACH ROW EXECUTE FUNCTION {quote(name)}()",
        ]
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {quote(name + '_insert')} BEFORE INSERT ON {qtable} "
            f"FOR EACH ROW WHEN length(NEW.{qcolumn}) > {limit} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
            f"CREATE TRIGGER IF NOT EXISTS {quote(name + '_update')} BEFORE UPDATE OF {qcolumn} ON {qtable} "
            f"FOR EACH ROW WHEN length(NEW.{qcolumn}) > {limit} AND NEW.{qcolumn} IS NOT OLD.{qcolumn} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        ]
    return []


def drop_statements(vendor: str, quote, table: str, column: str) -> list[str]:
    name = trigger_name(table, column)
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {quote(name)} ON {quote(table)}", f"DROP FUNCTION IF EXISTS {quote(name)}()"]
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {quote(name + '_insert')}",
            f"DROP TRIGGER IF EXISTS {quote(name + '_update')}",
        ]
    return []


def installed_triggers(connection, table: str) -> set[str]:
    """The names of the triggers on ``table``, as the database knows them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [table])
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        else:
            return set()
        return {row[0] for row in cursor.fetchall()}


def is_enforced(connection, table: str, column: str) -> bool:
    names = installed_triggers(connection, table)
    name = trigger_name(table, column)
    if connection.vendor == "sqlite":
        return {name + "_insert", name + "_update"} <= names
    return name in names


def _run(schema_editor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)  # no params: "%" and "$$" are plpgsql here


class LimitTextLength(Operation):
    """The database refuses a new or changed value of ``model_name.name`` longer than ``max_length`` characters."""

    reversible = True

    def __init__(self, model_name: str, name: str, max_length: int):
        self.model_name = model_name
        self.name = name
        self.max_length = max_length

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "name": self.name, "max_length": self.max_length}
        return (self.__class__.__qualname__, [], kwargs)

    def state_forwards(self, app_label, state):
        pass  # the field's max_length is in the state through AlterField; this adds only the trigger

    def _column(self, app_label, state):
        model = state.apps.get_model(app_label, self.model_name)
        return model, model._meta.db_table, model._meta.get_field(self.name).column

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model, table, column = self._column(app_label, to_state)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            connection = schema_editor.connection
            _run(
                schema_editor,
                create_statements(connection.vendor, schema_editor.quote_name, table, column, self.max_length),
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model, table, column = self._column(app_label, from_state)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            _run(
                schema_editor, drop_statements(schema_editor.connection.vendor, schema_editor.quote_name, table, column)
            )

    def describe(self):
        return f"Refuse a {self.model_name}.{self.name} longer than {self.max_length} characters in the database"

    @property
    def migration_name_fragment(self):
        return f"limit_{self.model_name.lower()}_{self.name.lower()}"
