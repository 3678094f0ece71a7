"""Amendment ⇄ French amending instructions (the « dispositif modificatif »).

`amendtrack.legistique.instructions` holds the records (where, what); `amendtrack.legistique.reader`
reads them from French text; `amendtrack.legistique.applier` applies them to a version;
`amendtrack.legistique.writer` words an amendment as instructions, each checked by the applier,
with word-level formulas from `amendtrack.legistique.words`.
"""
