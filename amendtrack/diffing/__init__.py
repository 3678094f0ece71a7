"""The amendment between two versions: alignment, tokens, word diff, and its JSON form.

The pipeline, in order: `amendtrack.diffing.alignment` aligns the blocks of two versions;
`amendtrack.diffing.tokens` splits paragraphs into French tokens; `amendtrack.diffing.word_diff`
diffs them through `amendtrack.diffing.engine` (the only module that talks to diff-match-patch);
`amendtrack.diffing.inline` turns the runs into inline operations; `amendtrack.diffing.pairing`
pairs the leftovers of the alignment into modified and moved-and-modified blocks, with a bound
per block that keeps it linear and the exact similarity bounds of `amendtrack.diffing.bounds`
that spare the word diff of pairs that cannot pair; `amendtrack.diffing.amendments` assembles
the `Amendment` and applies or inverts it exactly; `amendtrack.diffing.fields` compares metadata;
`amendtrack.diffing.amendment_json` reads and writes the JSON form;
`amendtrack.diffing.summary` counts what changed.
"""
