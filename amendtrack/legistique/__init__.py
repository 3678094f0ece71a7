"""Amendment ⇄ French amending instructions (the « dispositif modificatif »).

Writing: `amendtrack.legistique.writer` turns an amendment into instructions (each one checked
by the applier), worded by `amendtrack.legistique.wording`, with word-level formulas from
`amendtrack.legistique.words`. Reading: `amendtrack.legistique.reader` reads French text into
the records of `amendtrack.legistique.instructions`, sentence by sentence with the formulas of
`amendtrack.legistique.formulas`; `amendtrack.legistique.applier` applies them to a version,
counting alinéas with `amendtrack.legistique.counting` and editing words with
`amendtrack.legistique.editing`.
"""
