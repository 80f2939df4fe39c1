"""Small-number suppression: below 5 is "fewer than 5" everywhere, and no total gives a hidden cell away."""

import datetime

from participation.suppression import Line, suppress
from participation.voice import ALL, CITY, YEAR, period_dates, year_voice
from tests.participation.conftest import record

# --- the pure rule ---------------------------------------------------------------------------------------------


def test_it_hides_every_value_from_1_to_4():
    values = {"a": 1, "b": 4, "c": 5, "d": 0, "t": 10}
    assert suppress(values, []) == {"a", "b"}


def test_it_hides_a_second_cell_when_the_total_minus_the_others_would_reveal_the_first():
    # total 20 = 3 + 7 + 10: with only "a" hidden, 20 - 7 - 10 gives 3 back.
    values = {"t": 20, "a": 3, "b": 7, "c": 10}
    hidden = suppress(values, [Line("t", ("a", "b", "c"))])
    assert hidden == {"a", "b"}  # the smallest shown cell goes with it


def test_it_leaves_two_hidden_cells_alone():
    values = {"t": 25, "a": 3, "b": 2, "c": 20}
    assert suppress(values, [Line("t", ("a", "b", "c"))]) == {"a", "b"}


def test_a_small_residue_is_protected_too():
    # The city-wide total holds 3 young people of moments that name no neighbourhood: 23 - 10 - 10 = 3.
    values = {"t": 23, "a": 10, "b": 10}
    assert suppress(values, [Line("t", ("a", "b"))]) == {"a"}


def test_secondary_suppression_carries_over_crossing_lines():
    # A 2x2 table with totals: hiding r1c1 forces r1c2 (row) and r2c1 (column), then r2c2 follows.
    values = {
        "r1c1": 2, "r1c2": 8, "r2c1": 9, "r2c2": 11,
        "r1": 10, "r2": 20, "c1": 11, "c2": 19, "all": 30,
    }  # fmt: skip
    lines = [
        Line("r1", ("r1c1", "r1c2")),
        Line("r2", ("r2c1", "r2c2")),
        Line("c1", ("r1c1", "r2c1")),
        Line("c2", ("r1c2", "r2c2")),
    ]
    hidden = suppress(values, lines)
    assert {"r1c1", "r1c2", "r2c1", "r2c2"} <= hidden
    for line in lines:
        assert len([key for key in (line.total, *line.cells) if key in hidden]) != 1


# --- the tables behind every output --------------------------------------------------------------------------


def test_city_wide_total_minus_the_neighbourhoods_reveals_no_hidden_cell(
    partner_org, partner_member, rabot, brugse_poort
):
    record(partner_member, partner_org, neighbourhoods=[rabot], bands=(0, 0, 12, 0, 0), themes={"leisure": 12})
    record(partner_member, partner_org, neighbourhoods=[brugse_poort], bands=(0, 0, 9, 0, 0), themes={"leisure": 9})
    # Three young people at a city-wide moment: the city-wide total (24) minus Rabot (12) and Brugse Poort (9).
    record(partner_member, partner_org, city_wide=True, bands=(0, 0, 3, 0, 0), themes={"leisure": 3})

    table = year_voice(2026).themes
    assert table.figure(YEAR, ALL, "leisure").value == 24
    assert table.figure(YEAR, CITY, "leisure").hidden
    shown = [table.figure(YEAR, row, "leisure") for row in (rabot.pk, brugse_poort.pk)]
    assert any(f.hidden for f in shown), "one neighbourhood must be hidden with the city-wide cell"
    assert str(table.figure(YEAR, CITY, "leisure")) == "fewer than 5"
    assert [str(f) for f in shown].count("not shown") == 1


def test_theme_total_minus_the_other_themes_reveals_no_hidden_theme(partner_org, partner_member, rabot):
    record(
        partner_member,
        partner_org,
        neighbourhoods=[rabot],
        bands=(0, 0, 20, 0, 0),
        themes={"leisure": 12, "sport": 9, "housing": 2},
    )
    table = year_voice(2026).themes
    assert table.figure(YEAR, rabot.pk, ALL).value == 23  # every time a theme was raised in Rabot
    assert table.figure(YEAR, rabot.pk, "housing").hidden
    assert table.figure(YEAR, rabot.pk, "sport").hidden  # else 23 - 12 - 9 = 2
    assert table.figure(YEAR, rabot.pk, "leisure").value == 12


def test_a_year_minus_its_other_quarters_reveals_no_hidden_quarter(partner_org, partner_member, rabot):
    record(
        partner_member, partner_org, neighbourhoods=[rabot], held_on=datetime.date(2026, 2, 1), bands=(0, 0, 8, 0, 0)
    )
    record(
        partner_member, partner_org, neighbourhoods=[rabot], held_on=datetime.date(2026, 5, 1), bands=(0, 0, 3, 0, 0)
    )
    bands = year_voice(2026).bands
    assert bands.figure(YEAR, rabot.pk, ALL).value == 11
    assert bands.figure("q2", rabot.pk, ALL).hidden
    assert bands.figure("q1", rabot.pk, ALL).hidden


def test_editing_a_moment_updates_every_aggregate_at_once(partner_org, partner_member, rabot):
    from participation import services

    moment = record(partner_member, partner_org, neighbourhoods=[rabot], bands=(0, 0, 8, 0, 0), themes={"sport": 8})
    assert year_voice(2026).themes.figure(YEAR, rabot.pk, "sport").value == 8

    moment.participants_12_15 = 9
    services.moment_save(
        moment=moment,
        by=partner_member,
        expected_version=moment.version,
        neighbourhoods=[rabot],
        themes={"sport": 9},
        concerns=[],
        wishes=[],
        quotes=[],
    )
    assert year_voice(2026).themes.figure(YEAR, rabot.pk, "sport").value == 9
    assert year_voice(2026).bands.figure(YEAR, ALL, ALL).value == 9


def test_a_movement_circle_moment_counts_for_each_of_its_neighbourhoods(
    partner_org, partner_member, rabot, brugse_poort
):
    from tests import factories

    circle = factories.movement_circle(rabot, brugse_poort)
    record(partner_member, partner_org, circle=circle, bands=(0, 6, 0, 0, 0))
    bands = year_voice(2026).bands
    assert bands.figure(YEAR, rabot.pk, ALL).value == 6
    assert bands.figure(YEAR, brugse_poort.pk, ALL).value == 6
    assert bands.figure(YEAR, ALL, ALL).value == 6


def test_quarters_are_fixed_periods():
    assert period_dates(2026, 1) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert period_dates(2026, 4) == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert period_dates(2026, None) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
