"""Editing the record: the edits (`edit`), saving them safely (`saving`) and the audit log (`audit`).

Every edit is a plan against the rows as they are; a save validates through the same build as
`gaptrack build` and swaps the files in under the data folder's lock. May use
`transforms.database`, `transforms.record` and `transforms.presentation`.
"""
