import pytest
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework.settings import api_settings

from tests.api import urls

pytestmark = pytest.mark.django_db


def _security(path, method):
    rest = {**api_settings.user_settings, "DEFAULT_SCHEMA_CLASS": "charter_portal.api_schema.PortalAutoSchema"}
    with override_settings(REST_FRAMEWORK=rest):
        schema = SchemaGenerator(patterns=urls.urlpatterns).get_schema(request=None, public=True)
    return schema["paths"][path][method]["security"]


def test_it_documents_public_reads_of_the_portals_own_permissions_as_open():
    assert {} in _security("/t/public-read/", "get")


def test_it_keeps_writes_and_private_reads_behind_authentication():
    assert {} not in _security("/t/public-read/", "post")
    assert {} not in _security("/t/private/", "get")


def test_it_leaves_drfs_allow_any_as_it_was():
    assert _security("/t/missing/", "get").count({}) == 1
