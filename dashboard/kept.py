"""A bounded, process-wide cache for the dashboard's views: what st.cache_resource does for them,
at a dictionary lookup's cost.

st.cache_resource hashes every argument (and its name, found with inspect) through Streamlit's
hasher on every call: about 65 us a call, hit or miss, and a page run makes dozens. The views'
arguments are small hashable values (the database's Identity, Filters, strings), so Python's own
hash serves: a hit costs about a microsecond. As with st.cache_resource, the value is made once
per arguments even when many sessions ask for it at the same moment (the others wait for it),
a failing call keeps nothing, the least recently used entry goes beyond `max_entries`, and
`.clear()` empties it."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class Kept:
    """`func` with its results kept per arguments (hashable; keyword arguments count by name)."""

    def __init__(self, func: Callable[..., Any], max_entries: int):
        self._func, self._max = func, max_entries
        self._values: OrderedDict[Any, Any] = OrderedDict()
        self._making: dict[Any, threading.Lock] = {}
        self._lock = threading.Lock()
        functools.update_wrapper(self, func)

    def __call__(self, *args, **kwargs):
        key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            making = self._making.setdefault(key, threading.Lock())
        with making:  # one maker per key; the others wait, then find its value
            with self._lock:
                if key in self._values:
                    return self._values[key]
            try:
                value = self._func(*args, **kwargs)
            except BaseException:
                with self._lock:
                    self._making.pop(key, None)
                raise
            with self._lock:
                self._values[key] = value
                self._making.pop(key, None)
                while len(self._values) > self._max:
                    self._values.popitem(last=False)
            return value

    def clear(self) -> None:
        """Forget every kept value."""
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def kept(max_entries: int) -> Callable[[Callable[..., Any]], Kept]:
    """Decorator: keep the function's results, at most `max_entries` of them (see Kept)."""

    def wrap(func: Callable[..., Any]) -> Kept:
        return Kept(func, max_entries)

    return wrap
