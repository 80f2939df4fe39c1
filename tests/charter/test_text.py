"""The charter text as versioned data: the first version after migrate, its hash, immutability, publishing."""

import hashlib
import json

import pytest
from django.urls import reverse

from charter import canonical
from charter.models import Article, CharterVersion, ImmutableError
from charter.services import charter_version_draft, charter_version_publish
from charter_portal.errors import StepNotAllowed
from tests.charter.conftest import publish_second_version

pytestmark = pytest.mark.django_db


def test_it_has_the_first_version_with_20_articles_after_migrate(version):
    assert CharterVersion.objects.current() == version
    assert version.is_published
    assert version.articles.filter(section="vision").count() == 10
    assert version.articles.filter(section="principle").count() == 10


def test_it_keeps_the_words_of_the_seed_and_repairs_the_extraction(version):
    body = version.articles.get(section="principle", number=9).body_nl
    assert "de invulling garanderen" in body
    assert "invul ling" not in body
    assert "\n" not in body
    vision4 = version.articles.get(section="vision", number=4)
    assert vision4.bullets_nl == [
        "Ofwel binnen één organisatie (= jeugdwelzijnswerking)",
        "Ofwel binnen een samenwerkingsverband van meerdere organisaties",
    ]
    assert len(version.articles.get(section="principle", number=8).bullets_en) == 3
    assert version.introduction_nl.count("\n\n") == 5  # six paragraphs


def test_it_stores_a_hash_anyone_can_recompute_from_the_documented_canonical_form(version):
    articles = sorted(version.articles.all(), key=lambda a: (a.section != "vision", a.number))
    obj = {
        "label": version.label,
        "introduction": {"nl": version.introduction_nl.strip(), "en": version.introduction_en.strip()},
        "articles": [
            {
                "section": a.section,
                "number": a.number,
                "title": {"nl": a.title_nl, "en": a.title_en},
                "body": {"nl": a.body_nl, "en": a.body_en},
                "bullets": {"nl": a.bullets_nl, "en": a.bullets_en},
            }
            for a in articles
        ],
    }
    raw = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    assert hashlib.sha256(raw).hexdigest() == version.text_hash == version.compute_hash()


def test_it_changes_the_hash_when_one_character_changes(version):
    articles = [a.as_canonical_dict() for a in version.articles.all()]
    articles[0]["body_en"] += "!"
    changed = canonical.charter_hash(
        label=version.label,
        introduction_nl=version.introduction_nl,
        introduction_en=version.introduction_en,
        articles=articles,
    )
    assert changed != version.text_hash


def test_it_refuses_to_change_or_delete_a_published_version(version):
    version.label = "changed"
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    article = version.articles.first()
    article.body_en = "changed"
    with pytest.raises(ImmutableError):
        article.save()
    with pytest.raises(ImmutableError):
        article.delete()
    with pytest.raises(ImmutableError):
        Article.objects.create(version=version, section="vision", number=10, body_nl="x", body_en="x")
    version.refresh_from_db()
    assert version.label == "2020" and version.compute_hash() == version.text_hash


def test_it_lets_a_city_admin_draft_and_publish_a_new_version(version, city_admin, time_machine):
    time_machine.move_to("2026-05-01 10:00 +02:00")
    draft = charter_version_draft(source=version, label="2026", by=city_admin)
    assert not draft.is_published and draft.articles.count() == 20
    article = draft.articles.get(section="vision", number=1)
    article.body_en += " Updated."
    article.save()  # drafts may change
    published = charter_version_publish(version=draft, by=city_admin)
    assert published.is_published and str(published.published_on) == "2026-05-01"
    assert published.text_hash == published.compute_hash() != version.text_hash
    assert CharterVersion.objects.current() == published
    with pytest.raises(StepNotAllowed):
        charter_version_publish(version=published, by=city_admin)


def test_it_refuses_publishing_an_incomplete_draft(version, city_admin):
    draft = charter_version_draft(source=version, label="2026", by=city_admin)
    draft.articles.get(section="principle", number=10).delete()
    with pytest.raises(StepNotAllowed):
        charter_version_publish(version=draft, by=city_admin)
    draft.refresh_from_db()
    assert not draft.is_published


def test_it_refuses_version_management_to_others(version, partner_admin, city_staff):
    for person in (partner_admin, city_staff):
        with pytest.raises(StepNotAllowed):
            charter_version_draft(source=version, label="x", by=person)


def test_it_publishes_through_the_versions_page(version, city_admin_client):
    response = city_admin_client.post(reverse("charter:versions"), {"label": "2026"})
    assert response.status_code == 302
    draft = CharterVersion.objects.get(label="2026")
    response = city_admin_client.post(reverse("charter:publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published


def test_it_shows_an_error_for_a_duplicate_label(version, city_admin_client):
    response = city_admin_client.post(reverse("charter:versions"), {"label": "2020"})
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert CharterVersion.objects.count() == 1


def test_it_refuses_the_versions_page_to_non_city_admins(version, admin_client_, staff_client, client):
    assert admin_client_.get(reverse("charter:versions")).status_code == 403
    assert staff_client.get(reverse("charter:versions")).status_code == 403
    assert staff_client.post(reverse("charter:publish", args=[version.pk])).status_code == 403
    assert client.get(reverse("charter:versions")).status_code == 302


def test_it_shows_drafts_only_to_city_admins(version, city_admin, city_admin_client, client):
    draft = charter_version_draft(source=version, label="2026", by=city_admin)
    assert client.get(reverse("charter:version", args=[draft.pk])).status_code == 404
    assert city_admin_client.get(reverse("charter:version", args=[draft.pk])).status_code == 200


def test_it_keeps_earlier_versions_reachable(version, client):
    second = publish_second_version(version)
    response = client.get(reverse("charter:current"))
    assert response.context["version"] == second
    response = client.get(reverse("charter:version", args=[version.pk]))
    assert response.status_code == 200
    assert "earlier version" in response.content.decode() or "eerdere versie" in response.content.decode()


def test_it_lets_a_city_admin_edit_a_draft(version, city_admin, city_admin_client):
    draft = charter_version_draft(source=version, label="2026", by=city_admin)
    url = reverse("charter:edit_article", args=[draft.pk, "principle", 8])
    assert "Flexibelere convenanten" in city_admin_client.get(url).content.decode()
    data = {
        "title_nl": "",
        "title_en": "",
        "body_nl": "Nieuw.",
        "body_en": "New.",
        "bullets_nl": "een\n\ntwee",
        "bullets_en": "one\ntwo",
    }
    assert city_admin_client.post(url, data).status_code == 302
    article = draft.articles.get(section="principle", number=8)
    assert (article.body_en, article.bullets_nl, article.bullets_en) == ("New.", ["een", "twee"], ["one", "two"])
    response = city_admin_client.post(
        reverse("charter:edit_draft", args=[draft.pk]), {"introduction_nl": "Nl.", "introduction_en": "En."}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.introduction_en == "En."


def test_it_refuses_editing_a_published_version_and_bad_input(version, city_admin, city_admin_client, staff_client):
    assert city_admin_client.get(reverse("charter:edit_draft", args=[version.pk])).status_code == 403
    url = reverse("charter:edit_article", args=[version.pk, "vision", 1])
    assert city_admin_client.post(url, {"body_nl": "x", "body_en": "x"}).status_code == 403
    draft = charter_version_draft(source=version, label="2026", by=city_admin)
    url = reverse("charter:edit_article", args=[draft.pk, "vision", 1])
    assert staff_client.get(url).status_code == 403
    assert city_admin_client.post(url, {"body_nl": "", "body_en": "x"}).status_code == 400
    assert draft.articles.get(section="vision", number=1).body_nl.startswith("Gent is een")
    assert city_admin_client.get(reverse("charter:edit_article", args=[draft.pk, "vision", 11])).status_code == 404
    assert version.compute_hash() == version.text_hash


def test_it_keeps_the_first_edit_when_two_city_admins_edit_the_same_draft(version, city_admin, city_admin_client):
    draft = charter_version_draft(source=version, label="2026", by=city_admin)
    url = reverse("charter:edit_article", args=[draft.pk, "vision", 2])
    started = draft.version
    base = {"title_nl": "", "title_en": "", "body_nl": "Nl.", "bullets_nl": "", "bullets_en": ""}
    first = city_admin_client.post(url, {**base, "body_en": "First.", "expected_version": started})
    assert first.status_code == 302
    second = city_admin_client.post(url, {**base, "body_en": "Second.", "expected_version": started})
    assert second.status_code == 409
    assert "Someone else saved a change" in second.content.decode()
    assert second.context["form"].initial["body_en"] == "First."
    assert draft.articles.get(section="vision", number=2).body_en == "First."
    intro = city_admin_client.post(
        reverse("charter:edit_draft", args=[draft.pk]),
        {"introduction_nl": "Nl.", "introduction_en": "En.", "expected_version": started},
    )
    assert intro.status_code == 409
