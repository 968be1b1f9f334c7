"""The database: the DuckDB file built from the record, the shared queries and the exports.

`build` validates data/ and swaps a new database file in atomically; `queries` holds every
query the dashboard and the command line share (SQL in `sql/`); `export` writes tables as CSV.
May use `transforms.record` and `transforms.presentation`.
"""
