"""The record: what data/ holds and how it is read.

The tables' schema, strict CSV reading and writing, validation (`load`), the source texts and
their paragraphs, the errors a user can cause, where things live by default, and synthetic
records for benchmarks. May use `transforms.presentation`; nothing above it.
"""
