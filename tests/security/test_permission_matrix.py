"""Every URL of the portal, for every persona: the status a GET answers (docs/rules.md#roles).

The URLs come from the URL configuration (``tests/security/matrix.py``), so a new URL without an entry in
``EXPECTED`` fails the test. Objects come from the ``world`` fixture: they belong to the partner organisation;
the other organisation's admin is an outsider (404 on private objects, 403 on visible ones they may not change).
405 is a GET on a URL that only accepts POST; 302 is a redirect to the login page; 401 is the API asking for
credentials (token or session)."""

import pytest
from django.test import Client

from tests.security import matrix

HOME = "302 to home"  # the login page sends people who are already logged in home
EDIT_REDIRECT = "302 to the covenant version"  # agreed terms are no longer editable: back to the version
INVITATION = "302 to the invitation"  # invitation links mailed before they moved to the organisations pages

# Order: visitor, partner member, partner admin, other organisation's admin, city staff, city admin.
EXPECTED = {
    "accessibility": (200, 200, 200, 200, 200, 200),
    "accounts:account": (302, 200, 200, 200, 200, 200),
    "notifications:todo": (302, 200, 200, 200, 200, 200),
    "notifications:list": (302, 200, 200, 200, 200, 200),
    "notifications:open": (302, 404, 404, 404, 404, 404),
    "notifications:mark_read": (302, 405, 405, 405, 405, 405),
    "notifications:mark_all_read": (302, 405, 405, 405, 405, 405),
    "notifications:preferences": (302, 200, 200, 200, 200, 200),
    "notifications:unsubscribe": (404, 404, 404, 404, 404, 404),
    "api:notification-list": (401, 200, 200, 200, 200, 200),
    "api:notification-read": (401, 405, 405, 405, 405, 405),
    "api:notification-read-all": (401, 405, 405, 405, 405, 405),
    "api:todo": (401, 200, 200, 200, 200, 200),
    "api:notification-preferences": (401, 200, 200, 200, 200, 200),
    "accounts:confirm_email": (400, 400, 400, 400, 400, 400),
    "accounts:confirmation_resend": (405, 405, 405, 405, 405, 405),
    "accounts:confirmation_sent": (200, 200, 200, 200, 200, 200),
    "accounts:invitation": (INVITATION,) * 6,
    "organisations:invitation": (200, 403, 403, 403, 403, 403),
    "accounts:login": (200, HOME, HOME, HOME, HOME, HOME),
    "accounts:logout": (405, 405, 405, 405, 405, 405),
    "accounts:password_change": (302, 200, 200, 200, 200, 200),
    "accounts:password_change_done": (302, 200, 200, 200, 200, 200),
    "accounts:password_reset": (200, 200, 200, 200, 200, 200),
    "accounts:password_reset_complete": (200, 200, 200, 200, 200, 200),
    "accounts:password_reset_confirm": (200, 200, 200, 200, 200, 200),
    "accounts:password_reset_done": (200, 200, 200, 200, 200, 200),
    "accounts:token_create": (302, 405, 405, 405, 405, 405),
    "accounts:token_revoke": (302, 405, 405, 405, 405, 405),
    "api:api-root": (401, 200, 200, 200, 200, 200),
    "api:charter-current": (200, 200, 200, 200, 200, 200),
    "api:charter-signatories": (200, 200, 200, 200, 200, 200),
    "api:charter-verify": (200, 200, 200, 200, 200, 200),
    "api:charter-head": (200, 200, 200, 200, 200, 200),
    "api:collaboration-accept": (401, 405, 405, 405, 405, 405),
    "api:collaboration-decline": (401, 405, 405, 405, 405, 405),
    "api:collaboration-detail": (401, 200, 200, 404, 200, 200),
    "api:collaboration-list": (401, 200, 200, 200, 200, 200),
    "api:covenant-approve-version": (401, 405, 405, 405, 405, 405),
    "api:covenant-detail": (401, 200, 200, 404, 200, 200),
    "api:covenant-edit-version": (401, 405, 405, 405, 405, 405),
    "api:covenant-list": (401, 200, 200, 200, 200, 200),
    "api:covenant-propose-version": (401, 405, 405, 405, 405, 405),
    "api:covenant-report": (401, 405, 405, 405, 405, 405),
    "api:covenant-review-report": (401, 405, 405, 405, 405, 405),
    "api:covenant-submit-report": (401, 405, 405, 405, 405, 405),
    "api:covenant-submit-version": (401, 405, 405, 405, 405, 405),
    "api:coverage": (401, 200, 200, 200, 200, 200),
    "api:docs": (200, 200, 200, 200, 200, 200),
    "api:function-detail": (200, 200, 200, 200, 200, 200),
    "api:function-list": (200, 200, 200, 200, 200, 200),
    "api:hsds-meta": (200, 200, 200, 200, 200, 200),
    "api:hsds-organization-list": (200, 200, 200, 200, 200, 200),
    "api:hsds-service-detail": (200, 200, 200, 200, 200, 200),
    "api:hsds-service-detail [draft offer]": (404, 404, 404, 404, 404, 404),
    "api:hsds-service-list": (200, 200, 200, 200, 200, 200),
    "api:hsds-taxonomy-list": (200, 200, 200, 200, 200, 200),
    "api:hsds-taxonomy-term-list": (200, 200, 200, 200, 200, 200),
    "api:indicator-detail": (401, 200, 200, 200, 200, 200),
    "api:indicator-list": (401, 200, 200, 200, 200, 200),
    "api:indicator-value-detail": (401, 200, 200, 200, 200, 200),
    "api:indicator-value-list": (401, 200, 200, 200, 200, 200),
    "api:movement-circle-detail": (200, 200, 200, 200, 200, 200),
    "api:movement-circle-list": (200, 200, 200, 200, 200, 200),
    "api:neighbourhood-detail": (200, 200, 200, 200, 200, 200),
    "api:neighbourhood-list": (200, 200, 200, 200, 200, 200),
    "api:neighbourhoods-geojson": (401, 200, 200, 200, 200, 200),
    "api:offer-detail": (200, 200, 200, 200, 200, 200),
    "api:offer-detail [draft offer]": (404, 200, 200, 404, 200, 200),
    "api:offer-list": (200, 200, 200, 200, 200, 200),
    "api:organisation-detail": (200, 200, 200, 200, 200, 200),
    "api:organisation-list": (200, 200, 200, 200, 200, 200),
    "api:priority-decision-detail": (401, 200, 200, 200, 200, 200),
    "api:priority-decision-list": (401, 200, 200, 200, 200, 200),
    "api:schema": (200, 200, 200, 200, 200, 200),
    "api:signal-acknowledge": (401, 405, 405, 405, 405, 405),
    "api:signal-answer": (401, 405, 405, 405, 405, 405),
    "api:signal-close": (401, 405, 405, 405, 405, 405),
    "api:signal-detail": (401, 200, 200, 200, 200, 200),
    "api:signal-endorse": (401, 405, 405, 405, 405, 405),
    "api:signal-list": (401, 200, 200, 200, 200, 200),
    "api:signal-reopen": (401, 405, 405, 405, 405, 405),
    "api:signal-start": (401, 405, 405, 405, 405, 405),
    "charter:chain_head": (200, 200, 200, 200, 200, 200),
    "charter:certificate": (200, 200, 200, 200, 200, 200),
    "charter:current": (200, 200, 200, 200, 200, 200),
    "charter:edit_article": (302, 403, 403, 403, 403, 200),
    "charter:edit_draft": (302, 403, 403, 403, 403, 200),
    "charter:publish": (302, 403, 403, 403, 403, 405),
    "charter:receipt": (302, 200, 200, 404, 200, 200),
    "charter:sign": (302, 403, 200, 200, 403, 200),
    "charter:signatories": (200, 200, 200, 200, 200, 200),
    "charter:signatories_csv": (200, 200, 200, 200, 200, 200),
    "charter:verify": (200, 200, 200, 200, 200, 200),
    "charter:verify_code": (200, 200, 200, 200, 200, 200),
    "charter:version": (200, 200, 200, 200, 200, 200),
    "charter:versions": (302, 403, 403, 403, 403, 200),
    "charter:withdraw": (302, 403, 200, 404, 403, 403),
    "covenants:action_done": (302, 405, 405, 405, 405, 405),
    "covenants:close": (302, 405, 405, 405, 405, 405),
    "covenants:comment_add": (302, 405, 405, 405, 405, 405),
    "covenants:create": (302, 403, 403, 403, 200, 200),
    "covenants:detail": (302, 200, 200, 404, 200, 200),
    "covenants:list": (302, 200, 200, 200, 200, 200),
    "covenants:meeting_create": (302, 200, 200, 404, 200, 200),
    "covenants:period_add": (302, 405, 405, 405, 405, 405),
    "covenants:report": (302, 200, 200, 404, 200, 200),
    "covenants:report_review": (302, 405, 405, 405, 405, 405),
    "covenants:version": (302, 200, 200, 404, 200, 200),
    "covenants:version_approve": (302, 405, 405, 405, 405, 405),
    "covenants:version_edit": (302, 403, EDIT_REDIRECT, 404, EDIT_REDIRECT, EDIT_REDIRECT),
    "covenants:version_propose": (302, 405, 405, 405, 405, 405),
    "covenants:version_submit": (302, 405, 405, 405, 405, 405),
    "functions": (200, 200, 200, 200, 200, 200),
    "healthz": (200, 200, 200, 200, 200, 200),
    "home": (200, 200, 200, 200, 200, 200),
    "neighbourhoods:area": (302, 200, 200, 200, 200, 200),
    "neighbourhoods:export": (302, 200, 200, 200, 200, 200),
    "neighbourhoods:history": (302, 200, 200, 200, 200, 200),
    "neighbourhoods:indicator_create": (302, 403, 403, 403, 403, 200),
    "neighbourhoods:indicator_edit": (302, 403, 403, 403, 403, 200),
    "neighbourhoods:indicator_import": (302, 403, 403, 403, 403, 200),
    "neighbourhoods:indicators": (302, 200, 200, 200, 200, 200),
    "neighbourhoods:override": (302, 403, 403, 403, 403, 200),
    "neighbourhoods:priority": (302, 200, 200, 200, 200, 200),
    "neighbourhoods:review": (302, 200, 200, 200, 200, 200),
    "neighbourhoods:snapshot": (405, 405, 405, 405, 405, 405),
    "offers:archive": (302, 405, 405, 405, 405, 405),
    "offers:collaboration_accept": (302, 405, 405, 405, 405, 405),
    "offers:collaboration_create": (302, 403, 200, 200, 403, 200),
    "offers:collaboration_decline": (302, 405, 405, 405, 405, 405),
    "offers:collaboration_detail": (302, 200, 200, 404, 200, 200),
    "offers:collaboration_edit": (302, 403, 200, 404, 403, 200),
    "offers:collaborations": (302, 200, 200, 200, 200, 200),
    "offers:create": (302, 200, 200, 200, 200, 200),
    "offers:detail": (200, 200, 200, 200, 200, 200),
    "offers:detail [draft offer]": (404, 200, 200, 404, 200, 200),
    "offers:directory": (200, 200, 200, 200, 200, 200),
    "offers:duplicate": (302, 405, 405, 405, 405, 405),
    "offers:edit": (302, 200, 200, 403, 403, 200),
    "offers:edit [draft offer]": (302, 200, 200, 404, 403, 200),
    "offers:mine": (302, 200, 200, 200, 200, 200),
    "offers:publish": (302, 405, 405, 405, 405, 405),
    "offers:space_create": (302, 200, 200, 200, 200, 200),
    "offers:space_edit": (302, 200, 200, 403, 403, 200),
    "offers:spaces": (302, 200, 200, 200, 200, 200),
    "offers:unpublish": (302, 405, 405, 405, 405, 405),
    "organisations:approvals": (302, 403, 403, 403, 403, 200),
    "organisations:approve": (302, 403, 403, 403, 403, 405),
    "organisations:change_role": (302, 403, 200, 404, 404, 404),
    "organisations:coordinator_set": (302, 403, 403, 403, 403, 405),
    "organisations:coordinators": (302, 403, 403, 403, 403, 200),
    "diversity:export": (302, 403, 403, 403, 200, 200),
    "diversity:mine": (302, 200, 200, 200, 200, 200),
    "diversity:organisation": (302, 404, 200, 404, 404, 404),
    "diversity:public": (200, 200, 200, 200, 200, 200),
    "diversity:report": (302, 404, 200, 404, 404, 404),
    "api:public-staff-diversity": (200, 200, 200, 200, 200, 200),
    "api:staff-diversity-detail": (401, 404, 404, 404, 404, 404),
    "api:staff-diversity-list": (401, 200, 200, 200, 200, 200),
    "organisations:detail": (200, 200, 200, 200, 200, 200),
    "organisations:edit": (302, 403, 200, 404, 404, 404),
    "organisations:history": (302, 403, 200, 404, 404, 200),
    "organisations:history_all": (302, 403, 403, 403, 403, 200),
    "organisations:invite": (302, 405, 405, 405, 405, 405),
    "organisations:list": (200, 200, 200, 200, 200, 200),
    "organisations:members": (302, 200, 200, 404, 404, 404),
    "organisations:mine": (302, 200, 200, 200, 200, 200),
    "organisations:register": (200, 200, 200, 200, 200, 200),
    "organisations:reject": (302, 403, 403, 403, 403, 404),
    "organisations:remove_member": (302, 403, 200, 404, 404, 404),
    "organisations:revoke_invitation": (302, 405, 405, 405, 405, 405),
    "participation:young": (200, 200, 200, 200, 200, 200),
    "participation:voice": (200, 200, 200, 200, 200, 200),
    "participation:voice_area": (200, 200, 200, 200, 200, 200),
    "participation:voice_theme": (200, 200, 200, 200, 200, 200),
    "participation:voice_export": (200, 200, 200, 200, 200, 200),
    "participation:moments": (302, 200, 200, 200, 200, 200),
    "participation:moment_create": (302, 200, 200, 200, 200, 200),
    "participation:moment": (302, 200, 200, 404, 404, 404),
    "participation:moment_edit": (302, 200, 200, 404, 404, 404),
    "participation:moment_archive": (302, 405, 405, 405, 405, 405),
    "participation:cite": (302, 200, 200, 403, 403, 403),
    "participation:feedback": (200, 200, 200, 200, 200, 200),
    "participation:feedback_totals": (302, 200, 200, 200, 200, 200),
    "api:participation-moment-list": (401, 200, 200, 200, 200, 200),
    "api:participation-moment-detail": (401, 200, 200, 404, 404, 404),
    "api:youth-voice": (200, 200, 200, 200, 200, 200),
    "api:offer-feedback": (405, 405, 405, 405, 405, 405),
    "signals:create": (302, 200, 200, 200, 403, 403),
    "signals:dashboard": (302, 200, 200, 200, 200, 200),
    "signals:detail": (302, 200, 200, 200, 200, 200),
    "signals:endorse": (302, 405, 405, 405, 405, 405),
    "signals:inbox": (302, 403, 403, 403, 200, 200),
    "signals:list": (302, 200, 200, 200, 200, 200),
    "signals:mine": (302, 200, 200, 200, 403, 403),
    "signals:note": (302, 405, 405, 405, 405, 405),
    "signals:round": (302, 200, 200, 200, 200, 200),
    "signals:round_close": (302, 405, 405, 405, 405, 405),
    "signals:round_create": (302, 403, 403, 403, 403, 200),
    "signals:round_vote": (302, 405, 405, 405, 405, 405),
    "signals:rounds": (302, 200, 200, 200, 200, 200),
    "signals:transition": (302, 405, 405, 405, 405, 405),
}


def client_for(persona, request):
    client = Client()
    if persona != "visitor":
        client.force_login(request.getfixturevalue(persona))
    return client


def test_it_knows_every_url_name():
    """A quick guard that runs without a database: every URL name has an entry (and no entry is stale)."""
    names = {route.name for route in matrix.portal_routes()}
    plain = {key for key in EXPECTED if "[" not in key}
    assert names - plain == set(), "URL names without an expectation"
    assert plain - names == set(), "expectations for URLs that no longer exist"


@pytest.mark.parametrize("persona", matrix.PERSONAS)
def test_it_answers_every_url_as_expected_for_every_persona(persona, world, request):
    mismatches, observed = matrix.check(client_for(persona, request), persona, world, EXPECTED)
    assert mismatches == []
    assert len(observed) >= len(EXPECTED)


def test_it_fails_when_a_permission_check_is_removed(world, other_admin, monkeypatch):
    """Let anyone change any offer: the outsider's 403 on the offer edit page becomes a mismatch."""
    monkeypatch.setattr("offers.rules.can_change_offer", lambda actor, offer: True)
    client = Client()
    client.force_login(other_admin)
    routes = [route for route in matrix.portal_routes() if route.name == "offers:edit"]

    mismatches, observed = matrix.check(client, "other_admin", world, EXPECTED, routes=routes)

    assert observed["offers:edit"] == 200
    assert any(m.startswith("offers:edit ") and "expected 403, got 200" in m for m in mismatches), mismatches
