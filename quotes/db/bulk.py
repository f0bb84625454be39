"""Many rows in one statement, straight through the DB-API cursor: ingest's hot path.

Ingest writes a few rows to each of about ten tables per article. For such small statements
SQLAlchemy's per-execution work (an execution context, parameter processing per row, a result object)
costs more than the database's own work, so each of these statements is compiled once per dialect by
SQLAlchemy and its rows are sent with the cursor's `executemany`, converted by the same bind
processors SQLAlchemy would use (SQLite stores dates as text, speaker names go through `NameText`).
Errors are raised as SQLAlchemy's (IntegrityError, OperationalError...), and the engine's
`before_cursor_execute` and `after_cursor_execute` listeners see the statement, as for any other.

`BulkQuery` does the same for the few SELECTs that resolution runs for every article on SQLite; their
lists of keys and ids go in as one JSON text each, so each is one SQL text that SQLite keeps prepared.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Insert, Select, Table, Update
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Plan:
    sql: str
    keys: tuple[str, ...]  # the row key of each parameter, in the order the SQL takes them
    names: tuple[str, ...] | None  # parameter names, for a named paramstyle (psycopg); None: positional
    processors: tuple[Processor, ...]

    def parameters(self, row: Mapping[str, Any]) -> Any:
        values = [row[key] if process is None else process(row[key]) for key, process in zip(self.keys, self.processors, strict=True)]  # fmt: skip
        return tuple(values) if self.names is None else dict(zip(self.names, values, strict=True))


class BulkStatement:
    """An INSERT or UPDATE whose rows (dicts keyed like the statement's parameters) go through the
    DB-API cursor's `executemany`. An INSERT must be given every column with a Python-side default,
    since none is filled in here."""

    def __init__(self, statement: Insert | Update, keys: Sequence[str]) -> None:
        self.statement = statement
        self.keys = tuple(keys)
        table = statement.table
        if isinstance(statement, Insert) and isinstance(table, Table):
            missing = [c.name for c in table.columns if c.default is not None and c.key not in self.keys]
            if missing:
                raise ValueError(f"{table.name}: give {', '.join(missing)} (Python-side defaults)")
        self._plans: dict[str, _Plan] = {}

    def _plan(self, dialect: Dialect) -> _Plan:
        plan = self._plans.get(dialect.name)
        if plan is None:
            keys = list(self.keys) if isinstance(self.statement, Insert) else None
            compiled: Any = self.statement.compile(dialect=dialect, column_keys=keys)
            names = list(compiled.positiontup) if compiled.positional else list(compiled.binds)
            binds = [compiled.binds[name] for name in names]
            plan = _Plan(
                sql=compiled.string,
                keys=tuple(bind.key for bind in binds),
                names=None if compiled.positional else tuple(compiled.escaped_bind_names.get(n, n) for n in names),
                processors=tuple(bind.type.dialect_impl(dialect).bind_processor(dialect) for bind in binds),
            )
            self._plans[dialect.name] = plan
        return plan

    def execute(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run the statement once per row, in one `executemany`, in `connection`'s transaction."""
        if rows:
            self._run(connection, rows, many=True)

    def inserted_ids(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """SQLite: insert the rows one by one on one cursor and give each row's new rowid, in order
        (`lastrowid`, so no RETURNING clause and no result object)."""
        if connection.dialect.name != "sqlite":
            raise ValueError("inserted_ids reads SQLite's lastrowid: use RETURNING elsewhere")
        return self._run(connection, rows, many=False) if rows else []

    def returning(self, connection: Connection, rows: Sequence[Mapping[str, Any]], columns: str) -> list[Any]:
        """SQLite: insert the rows by one INSERT of as many VALUES lists, and the `columns` (SQL, e.g.
        'id, "end"') RETURNING gives of each row, in no set order. One statement, as SQLAlchemy's own
        many-VALUES insert, without its per-execution work; within SQLite's 32,766 bound parameters."""
        if connection.dialect.name != "sqlite" or not isinstance(self.statement, Insert):
            raise ValueError("returning builds SQLite's many-VALUES INSERT")
        if not rows:
            return []
        plan = self._plan(connection.dialect)
        head, values = plan.sql.rsplit(" VALUES ", 1)
        sql = f"{head} VALUES {', '.join([values] * len(rows))} RETURNING {columns}"
        parameters = [value for row in rows for value in plan.parameters(row)]
        with _cursor(connection, sql, parameters, many=False) as cursor:
            returned: list[Any] = cursor.execute(sql, parameters).fetchall()
        return returned

    def _run(self, connection: Connection, rows: Sequence[Mapping[str, Any]], *, many: bool) -> list[int]:
        plan = self._plan(connection.dialect)
        parameters = [plan.parameters(row) for row in rows]
        ids: list[int] = []
        with _cursor(connection, plan.sql, parameters, many=True) as cursor:
            if many:
                cursor.executemany(plan.sql, parameters)
            else:
                for values in parameters:
                    cursor.execute(plan.sql, values)
                    ids.append(cursor.lastrowid)
        return ids


def on_conflict_insert(postgres: bool) -> Callable[[Table], Any]:
    """The `insert` of PostgreSQL's or SQLite's dialect (the ones with ON CONFLICT), imported when first
    asked for: the PostgreSQL dialect takes some 50 ms to import, which every SQLite command would pay."""
    if postgres:
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


class BulkQuery:
    """A SELECT that resolution runs for every article, whose list parameters (`bindparam(...,
    expanding=True)`) would make SQLAlchemy render and run a new SQL text for every length of list.

    On SQLite each such `IN (...)` becomes `IN (SELECT value FROM json_each(?))` and the list one JSON
    text, so the statement is one SQL text, prepared once by the driver's statement cache and run on
    the cursor without SQLAlchemy's per-execution work (a look-up by an index for each value, as
    before). Rows come back as the driver gives them (SQLite: integers for booleans). Other dialects run
    the statement through SQLAlchemy as it is."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._sqlite: tuple[str, tuple[str, ...], frozenset[str], dict[str, Any]] | None = None

    def rows(self, connection: Connection, parameters: Mapping[str, Any]) -> list[Any]:
        if connection.dialect.name != "sqlite":
            return [tuple(row) for row in connection.execute(self.statement, dict(parameters))]
        sql, names, lists, defaults = self._sqlite_plan(connection.dialect)
        values = [
            json.dumps(list(parameters[name])) if name in lists else parameters.get(name, defaults.get(name))
            for name in names
        ]
        with _cursor(connection, sql, values, many=False) as cursor:
            found: list[Any] = cursor.execute(sql, values).fetchall()
        return found

    def _sqlite_plan(self, dialect: Dialect) -> tuple[str, tuple[str, ...], frozenset[str], dict[str, Any]]:
        if self._sqlite is None:
            compiled: Any = self.statement.compile(dialect=dialect)
            names = tuple(compiled.positiontup)
            lists = frozenset(name for name in names if compiled.binds[name].expanding)
            sql = compiled.string
            for name in lists:
                sql = sql.replace(f"__[POSTCOMPILE_{name}]", "SELECT value FROM json_each(?)")
            self._sqlite = (sql, names, lists, dict(compiled.params))
        return self._sqlite


@contextmanager
def _cursor(connection: Connection, sql: str, parameters: Any, *, many: bool) -> Iterator[Any]:
    """A DB-API cursor of `connection` for `sql`: the engine's cursor-execute listeners told before and
    after, a driver error raised as SQLAlchemy's (without the parameters), the cursor closed."""
    dialect = connection.dialect
    cursor = connection.connection.cursor()
    try:
        connection.dispatch.before_cursor_execute(connection, cursor, sql, parameters, None, many)
        yield cursor
        connection.dispatch.after_cursor_execute(connection, cursor, sql, parameters, None, many)
    except dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(
            sql, parameters, error, dialect.loaded_dbapi.Error, hide_parameters=True, dialect=dialect
        ) from error
    finally:
        cursor.close()
