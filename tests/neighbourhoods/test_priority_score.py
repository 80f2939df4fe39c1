from decimal import Decimal

import pytest

from neighbourhoods.priority import THRESHOLD, TOP_N, IndicatorSpec, score_areas


@pytest.fixture(autouse=True)
def _clear_cache():
    yield


AREAS = [(1, "A"), (2, "B"), (3, "C")]
POVERTY = IndicatorSpec("poverty", "Child poverty", Decimal(2))
PARTICIPATION = IndicatorSpec("participation", "Participation", Decimal(1), higher_means_more_need=False)


def by_id(result):
    return {s.area_id: s for s in result.scores}


def test_it_scales_min_max_and_weights_to_0_100():
    values = {
        ("poverty", 1): Decimal(30),
        ("poverty", 2): Decimal(20),
        ("poverty", 3): Decimal(10),
        ("participation", 1): Decimal(10),
        ("participation", 2): Decimal(50),
        ("participation", 3): Decimal(90),
    }
    scores = by_id(score_areas(indicators=[POVERTY, PARTICIPATION], values=values, areas=AREAS, method=THRESHOLD))
    assert scores[1].score == 100
    assert scores[2].score == 50
    assert scores[3].score == 0
    assert scores[2].parts["poverty"]["points"] == pytest.approx(33.33)
    assert scores[2].parts["participation"]["points"] == pytest.approx(16.67)
    assert [scores[i].rank for i in (1, 2, 3)] == [1, 2, 3]


def test_it_leaves_a_constant_indicator_out():
    values = {("poverty", i): Decimal(5) for i in (1, 2, 3)} | {
        ("participation", 1): Decimal(0),
        ("participation", 2): Decimal(100),
        ("participation", 3): Decimal(50),
    }
    result = score_areas(indicators=[POVERTY, PARTICIPATION], values=values, areas=AREAS, method=THRESHOLD)
    assert result.constant == ["poverty"]
    assert by_id(result)[1].score == 100
    assert by_id(result)[3].score == 50


def test_it_rescales_weights_when_a_value_is_missing_and_lists_it():
    values = {("poverty", 1): Decimal(10), ("poverty", 2): Decimal(0), ("participation", 1): Decimal(0)}
    values |= {("participation", 2): Decimal(100), ("participation", 3): Decimal(0)}
    scores = by_id(score_areas(indicators=[POVERTY, PARTICIPATION], values=values, areas=AREAS, method=THRESHOLD))
    assert scores[3].missing == ["poverty"]
    assert scores[3].score == 100  # only participation counts for C, and C has the lowest participation


def test_it_gives_no_score_without_data():
    result = score_areas(
        indicators=[POVERTY],
        values={("poverty", 1): Decimal(1), ("poverty", 2): Decimal(2)},
        areas=AREAS,
        method=TOP_N,
        top_n=3,
    )
    assert by_id(result)[3].score is None
    assert by_id(result)[3].rank is None
    assert not by_id(result)[3].is_priority


def test_it_selects_by_threshold_or_top_n_with_shared_ranks():
    values = {("poverty", 1): Decimal(10), ("poverty", 2): Decimal(10), ("poverty", 3): Decimal(0)}
    top = by_id(score_areas(indicators=[POVERTY], values=values, areas=AREAS, method=TOP_N, top_n=1))
    assert (top[1].rank, top[2].rank, top[3].rank) == (1, 1, 3)
    assert top[1].is_priority and top[2].is_priority and not top[3].is_priority
    low = by_id(score_areas(indicators=[POVERTY], values=values, areas=AREAS, method=THRESHOLD, threshold=0))
    assert all(s.is_priority for s in low.values())


def test_it_scores_a_movement_circle_as_the_mean_of_its_neighbourhoods():
    from neighbourhoods.priority import score_circles

    values = {("poverty", 1): Decimal(30), ("poverty", 2): Decimal(20), ("poverty", 3): Decimal(10)}
    top = score_areas(indicators=[POVERTY], values=values, areas=AREAS, method=TOP_N, top_n=1).scores
    circles = [(50, "North", frozenset({1, 2})), (51, "South", frozenset({2, 3})), (52, "Empty", frozenset({9}))]
    scored = {s.area_id: s for s in score_circles(neighbourhood_scores=top, circles=circles, method=TOP_N)}
    assert scored[50].score == 75
    assert scored[51].score == 25
    assert scored[52].score is None
    assert not scored[50].is_priority  # below 100, the score of the least needy priority neighbourhood
    by_threshold = score_circles(neighbourhood_scores=top, circles=circles, method=THRESHOLD, threshold=70)
    assert [(s.name, s.rank, s.is_priority) for s in by_threshold] == [
        ("North", 1, True),
        ("South", 2, False),
        ("Empty", None, False),
    ]
