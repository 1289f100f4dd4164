"""Extractors: layout -> schema parts, one concern per module.

Each module exposes one verb over the layout model (`extract_meta`,
`extract_measures`, …) and knows nothing of file formats.
"""
