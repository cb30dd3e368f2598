from datetime import date

import pytest

from calfeed.query import EventQuery, QueryError


def test_canonical_order_and_defaults_omitted():
    query = EventQuery.from_params({"to": "2025-03-31", "q": "展", "category": "exhibition", "page": "1", "junk": "x"})
    assert query.to_params() == [("category", "exhibition"), ("q", "展"), ("to", "2025-03-31")]
    same = EventQuery.from_params([("q", "展"), ("to", "2025-03-31"), ("category", "exhibition")])
    assert same.query_string() == query.query_string()


def test_free_form_dates():
    assert EventQuery.from_params({"from": "2025年3月8日"}).date_from == date(2025, 3, 8)


@pytest.mark.parametrize(
    "params, name",
    [
        ({"category": "party"}, "category"),
        ({"from": "2025-02-30"}, "from"),
        ({"from": "soon"}, "from"),
        ({"page": "99999999999"}, "page"),
        ({"page": "-1"}, "page"),
        ({"from": "2025-03-02", "to": "2025-03-01"}, "from"),
        ({"status": "maybe"}, "status"),
    ],
)
def test_invalid_values_name_the_parameter(params, name):
    with pytest.raises(QueryError) as info:
        EventQuery.from_params(params)
    assert str(info.value).startswith(name + ":")
