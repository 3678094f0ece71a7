"""The French language in one place: dates and months, ordinals, typographic equivalence.

`amendtrack.french.calendar` writes and reads French dates (« 1er février 2022 »);
`amendtrack.french.ordinals` the ordinal adjectives of légistique (« vingt et unième »);
`amendtrack.french.typography` which character differences are typography, not wording.
"""
