"""Typed readers for settings that come from the environment.

Each reader refuses a bad value with an ``ImproperlyConfigured`` error that names the
variable, so a misconfigured portal stops at start-up instead of misbehaving later.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name} must be a boolean (1/0, true/false, yes/no, on/off), got {raw!r}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"Environment variable {name} must be a whole number, got {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"Environment variable {name} must be at least {minimum}, got {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"Environment variable {name} must be one of {allowed}, got {value!r}.")
    return value


def env_database(name: str, default: str) -> dict:
    import dj_database_url

    raw = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Environment variable {name} is not a valid database URL: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"Environment variable {name} names an unsupported database: {raw!r}.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # One writer at a time, and every transaction asks for the write lock when it begins: a transaction that
        # read first and only then wanted to write would get "database is locked" at once while another wrote
        # (SQLite cannot wait there without risking a deadlock). Now it waits for its turn, up to the timeout.
        config.setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
        config["OPTIONS"].setdefault("timeout", 20)
    return config


def env_keys(name: str, *, min_length: int = 32) -> dict[str, str]:
    """Named secrets, ``id:secret`` separated by commas, oldest first (``k1:...,k2:...``)."""
    raw = os.environ.get(name, "")
    keys = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        key_id, sep, secret = item.partition(":")
        key_id, secret = key_id.strip(), secret.strip()
        if not sep or not key_id.replace("-", "").replace("_", "").isalnum() or key_id in keys:
            raise ImproperlyConfigured(
                f"Environment variable {name} must be id:secret pairs separated by commas, each id once "
                "(letters, digits, - and _)."
            )
        if len(secret) < min_length:
            raise ImproperlyConfigured(
                f"Environment variable {name}: the secret of key {key_id!r} must have at least {min_length} characters."
            )
        keys[key_id] = secret
    return keys
