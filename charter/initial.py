"""Create the first charter version (``text_v1``) with given model classes.

Used by the data migration (with historical models) and by tests that run after a database flush.
"""

from datetime import date

from charter import canonical, text_v1


def first_version_articles() -> list[dict]:
    return [
        {
            "section": section,
            "number": number,
            "title_nl": "",
            "title_en": "",
            "body_nl": body_nl,
            "body_en": body_en,
            "bullets_nl": list(bullets_nl),
            "bullets_en": list(bullets_en),
        }
        for section, number, body_nl, bullets_nl, body_en, bullets_en in text_v1.ARTICLES
    ]


def first_version_hash() -> str:
    return canonical.charter_hash(
        label=text_v1.LABEL,
        introduction_nl=text_v1.INTRODUCTION_NL,
        introduction_en=text_v1.INTRODUCTION_EN,
        articles=first_version_articles(),
    )


def create_first_version(CharterVersion, Article, ChainHead):  # noqa: N803 (model classes)
    """Idempotent: returns the existing first version when it is there."""
    ChainHead.objects.get_or_create(pk=1)
    existing = CharterVersion.objects.filter(label=text_v1.LABEL).first()
    if existing is not None:
        return existing
    version = CharterVersion.objects.create(
        label=text_v1.LABEL,
        introduction_nl=text_v1.INTRODUCTION_NL,
        introduction_en=text_v1.INTRODUCTION_EN,
    )
    Article.objects.bulk_create(Article(version=version, **article) for article in first_version_articles())
    # A plain queryset update: historical models in migrations have no custom save(), and this is the
    # moment the version becomes published.
    CharterVersion.objects.filter(pk=version.pk).update(
        is_published=True, published_on=date.fromisoformat(text_v1.PUBLISHED_ON), text_hash=first_version_hash()
    )
    version.refresh_from_db()
    return version
