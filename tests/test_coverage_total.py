"""queries.coverage_total (the Items page's count) is the total of the coverage table the SQL file
gives, for every single filter and many random views, on the shipped record and a synthetic one
(an unknown heading or as-of session included)."""

from __future__ import annotations

import pytest
from fixtures import shipped_and_synthetic
from test_marts import some_filters

from transforms.database.queries import Store, coverage_total, coverage_totals


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    return shipped_and_synthetic(tmp_path_factory.mktemp("coverage-total"))


@pytest.mark.parametrize("record", ["shipped", "synth"])
def test_the_count_is_the_coverage_tables_total(paths, record):
    with Store(paths[record]) as store:
        for filters in some_filters(store, 120, seed=4):
            expected = coverage_totals(store.frame("coverage_by_heading", filters))["total"]
            assert coverage_total(store, filters) == expected, filters
