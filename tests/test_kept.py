"""dashboard.kept: the views' cache. Made once per arguments even when many threads ask at once,
nothing kept from a failing call, bounded (least recently used goes), keyword arguments count."""

from __future__ import annotations

import threading
import time

import pytest

from dashboard.kept import kept
from transforms.database.queries import Filters


def test_a_value_is_made_once_while_many_threads_ask_for_it():
    made = []

    @kept(max_entries=4)
    def slow(filters: Filters) -> str:
        made.append(filters)
        time.sleep(0.2)
        return filters.lang

    start = threading.Barrier(8)
    got = []

    def ask():
        start.wait()
        got.append(slow(Filters(lang="zh", headings=("prevention",))))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert got == ["zh"] * 8
    assert made == [Filters(lang="zh", headings=("prevention",))]
    assert slow(Filters(lang="zh", headings=("prevention",))) == "zh" and len(made) == 1  # equal filters: a hit


def test_a_failing_call_keeps_nothing_and_is_made_again():
    calls = []

    @kept(max_entries=4)
    def fragile(n: int) -> int:
        calls.append(n)
        if len(calls) == 1:
            raise ValueError("database busy")
        return n * 2

    with pytest.raises(ValueError):
        fragile(3)
    assert fragile(3) == 6 and fragile(3) == 6
    assert calls == [3, 3]


def test_the_least_recently_used_value_goes_beyond_the_bound():
    calls = []

    @kept(max_entries=2)
    def double(n: int, *, times: int = 2) -> int:
        calls.append((n, times))
        return n * times

    double(1), double(2), double(1), double(3)  # 2 is the least recently used when 3 comes
    assert len(double) == 2
    double(1)
    assert calls == [(1, 2), (2, 2), (3, 2)]
    double(2)
    assert calls[-1] == (2, 2)
    assert double(2, times=3) == 6 and calls[-1] == (2, 3)  # keyword arguments are part of the key
    double.clear()
    assert len(double) == 0
    double(2, times=3)
    assert calls[-1] == (2, 3) and len(calls) == 6
