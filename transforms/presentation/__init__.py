"""Words and colours the product shows: the message catalogs (`i18n`, `locales/`) and the status colours.

The bottom layer: imports nothing else from transforms, so every layer (and the dashboard) may use it.
"""
