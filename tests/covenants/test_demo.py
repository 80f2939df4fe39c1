import pytest

from covenants import demo
from covenants.models import Covenant, Report, Status, TermsVersion
from organisations.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_seeds_three_demo_covenants_once():
    lines = []
    demo.seed(lines.append)
    demo.seed(lines.append)
    assert len(lines) == 3
    covenants = {c.reference: c for c in Covenant.objects.with_status()}
    assert set(covenants) == {"DEMO-CONV-1", "DEMO-CONV-2", "DEMO-CONV-3"}
    assert all(c.is_demo for c in covenants.values())
    assert covenants["DEMO-CONV-1"].status == Status.RUNNING
    assert Report.objects.get(covenant=covenants["DEMO-CONV-1"]).state == Report.State.ACCEPTED
    assert covenants["DEMO-CONV-2"].status == Status.IN_NEGOTIATION
    pending = TermsVersion.objects.get(covenant=covenants["DEMO-CONV-2"])
    assert list(pending.approvals.values_list("side", flat=True)) == ["city"]
    assert covenants["DEMO-CONV-3"].partner_organisation.slug == "samen-sterk-demo"


def test_it_uses_a_demo_collaboration_as_partner_when_one_exists():
    samen = factories.organisation(
        name="Zelforganisatie Samen Sterk (demo)", slug="samen-sterk-demo", kind="self_organisation"
    )
    factories.collaboration(samen, name="Samen in Dampoort (demo)")
    demo.seed(lambda line: None)
    c3 = Covenant.objects.get(reference="DEMO-CONV-3")
    assert c3.partner_collaboration.name == "Samen in Dampoort (demo)"
    assert Organisation.objects.filter(slug="samen-sterk-demo").count() == 1
