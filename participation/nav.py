from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem
from participation import rules


def items(actor) -> list[NavItem]:
    result = [
        NavItem(_("What young people say"), "participation:voice", "/jongeren/wat-jongeren-zeggen/"),
        NavItem(_("For young people"), "participation:young", "/jongeren/"),
    ]
    if rules.can_record(actor):
        result.append(NavItem(_("Our participation moments"), "participation:moments", "/jongeren/momenten/"))
        result.append(NavItem(_("Feedback on our offer"), "participation:feedback_totals", "/jongeren/reacties/"))
    return result
