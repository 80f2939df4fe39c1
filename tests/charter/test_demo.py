import pytest

from charter.demo import seed
from charter.models import ChainEntry
from charter.selectors import verify_chain

pytestmark = pytest.mark.django_db


def test_it_seeds_demo_signatures_once_with_a_valid_chain(version):
    lines = []
    seed(lines.append)
    count = ChainEntry.objects.count()
    assert count == 8 and ChainEntry.objects.filter(kind="withdraw").count() == 1
    assert ChainEntry.objects.active().filter(organisation__slug="buurtwerk-rabot-demo").count() == 0
    assert ChainEntry.objects.filter(signer__isnull=False, kind="sign").count() == 4  # through the real service
    seed(lines.append)
    assert ChainEntry.objects.count() == count
    assert verify_chain().ok
