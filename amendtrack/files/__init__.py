"""Files: the one bounded way to read an input, the one safe XML parser, the one atomic writer.

`amendtrack.files.reading` reads inputs (existence, size cap, text decoding);
`amendtrack.files.safe_xml` parses XML with no DTD, no entities and no network;
`amendtrack.files.writing` writes outputs atomically (durably for the store);
`amendtrack.files.office` runs LibreOffice headless (its own profile, a time limit).
"""
