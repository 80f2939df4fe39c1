"""Create (or drop) the throw-away PostgreSQL database of a load-test or benchmark run.

Usage: python tests/load/freshdb.py create|drop postgres://user@127.0.0.1:5432 DBNAME
Only on a loopback server, and only for database names that say what they are for (containing
"bench" or "load"), so a typo cannot drop a real database.
"""

import re
import sys
from urllib.parse import urlsplit

import psycopg2
from psycopg2 import sql

from devtools.load.httpload import check_loopback


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("create", "drop"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    action, server, name = argv
    if not re.fullmatch(r"[a-z0-9_]+", name) or not ("bench" in name or "load" in name):
        print(f"Refusing database name {name!r}: use lowercase letters, digits and _, with 'bench' or 'load' in it.")
        return 2
    url = urlsplit(server)
    check_loopback(url.hostname or "")
    connection = psycopg2.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password,
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if action == "create":
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
