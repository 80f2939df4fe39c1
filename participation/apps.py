from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation of young people")

    def ready(self):
        from charter_portal.api import register_api_module
        from charter_portal.navigation import register_section
        from neighbourhoods.area_panels import register_area_panel
        from neighbourhoods.builtin_indicators import register_builtin_source
        from organisations.demo import register_demo
        from participation import citations, demo, events, indicators, nav, panels, rounds  # noqa: F401 (events registers)
        from signals import youth_voice
        from signals.round_columns import provide_youth_ranks, register_candidate_column, register_round_link

        register_section(_("Young people"), nav.items, position=35)
        register_api_module("participation.api")
        register_demo("participation.demo", demo.seed, position=45)
        register_builtin_source(indicators.SOURCE_KIND, indicators.youth_themes_last_12_months, counts_people=True)
        register_area_panel(panels.youth_wishes_panel)
        register_candidate_column(rounds.youth_ranking_column)
        provide_youth_ranks(rounds.frozen_youth_ranks)
        register_round_link(rounds.attach_link)
        youth_voice.provide(expression=citations.raised_expression, details=citations.signal_details)
