"""gaptrack transforms: data/ CSV files -> validated tables -> DuckDB -> coverage queries and exports."""

__version__ = "0.1.0"
