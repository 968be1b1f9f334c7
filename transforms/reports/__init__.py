"""Reports on the record: the briefing (`report`), the validation report (`check`) and what changed (`diff`).

Each returns frames, HTML or files; their commands live in transforms.cli. May use
`transforms.database`, `transforms.record` and `transforms.presentation`.
"""
