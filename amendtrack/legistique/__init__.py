"""Amendment ⇄ French amending instructions (« dispositif modificatif »): docs/legistique.md.

The text amended: `counting` cuts a body into its preamble, articles, annexes and divisions (the
one place that recognises their headings) and counts alinéas, tirets and parts inside one;
`labels` writes and folds article numbers and division names; `sentences` finds sentences.

Reading: `reader` reads French text into the records of `instructions`, provision by provision,
with the places of `places` (articles, divisions, alinéas, sentences, acts) and the formulas of
`formulas` (words) and `block_formulas` (alinéas, articles, divisions).

Applying: `applier` applies records to a `document`, the text that remembers where each block
stood before amendment (every number an instruction gives refers to it), with `editing` for
words, `structures` for whole articles and divisions and `headings` for the headings they make.

Writing: `writer` matches the units of OLD and NEW (`matching`) and plans each one (`plan`, on a
working copy, `walk`), with word formulas from `words` (anchors from `anchors`, quotations
checked by `quoting`) and whole units from `structure_writer`; `wording` lays the instructions
out in French (`phrases`, `structure_phrases`), and the result is read back and applied to OLD
before it is returned.
"""
