"""Helpers for the charter tests: the first charter version, quick signatures, a second version."""

from importlib import import_module

import pytest
from django.db import connection
from django.utils import timezone

from charter.initial import create_first_version
from charter.models import Article, ChainEntry, ChainHead, CharterVersion, new_receipt_code
from charter.services import _append_entry, charter_sign
from tests import factories

TRIGGERS = import_module("charter.migrations.0006_append_only_allows_hmac_fill")


def tamper(sql, params=()):
    """Run ``sql`` as someone with full database access would: with the append-only trigger set aside."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks of this transaction's inserts must run before ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE charter_chainentry DISABLE TRIGGER charter_chainentry_append_only")
        else:
            for statement in TRIGGERS.SQLITE_BACK:
                cursor.execute(statement)
        cursor.execute(sql, list(params))
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE charter_chainentry ENABLE TRIGGER charter_chainentry_append_only")
        else:
            for statement in TRIGGERS.SQLITE:
                cursor.execute(statement)


@pytest.fixture
def version(db):
    """The first version (made by the data migration; recreated when a transactional test flushed it)."""
    return create_first_version(CharterVersion, Article, ChainHead)


def sign(org, user, *, version=None, name="Ada Admin", role="Chair", password=factories.PASSWORD) -> ChainEntry:
    return charter_sign(
        organisation=org,
        user=user,
        signer_name=name,
        signer_role=role,
        authorised=True,
        password=password,
        version=version,
    )


def quick_signature(org, version) -> ChainEntry:
    """A signature appended straight to the chain (for lists with many rows)."""
    return _append_entry(
        kind=ChainEntry.Kind.SIGN,
        receipt_code=new_receipt_code(),
        charter_version=version,
        charter_hash=version.text_hash,
        organisation=org,
        organisation_name=org.name,
        signer=None,
        signer_name="Signer",
        signer_role="Chair",
        created_at=timezone.now(),
    )


def publish_second_version(version, label="2026") -> CharterVersion:
    """A second published version (a copy of the first with one changed article), written directly."""
    draft = CharterVersion.objects.create(
        label=label, introduction_nl=version.introduction_nl, introduction_en=version.introduction_en
    )
    for article in version.articles.all():
        data = article.as_canonical_dict()
        if article.section == "principle" and article.number == 10:
            data["body_en"] += " We report on it every year."
            data["body_nl"] += " We rapporteren er jaarlijks over."
        Article.objects.create(version=draft, **data)
    draft.text_hash = draft.compute_hash()
    draft.published_on = timezone.localdate()
    draft.is_published = True
    draft.save()
    return draft


def entry_count() -> int:
    return ChainEntry.objects.count()
