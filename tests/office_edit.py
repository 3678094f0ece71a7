"""Edit a document in LibreOffice Writer, as a user would: a Python-UNO script.

Run by the system's python3 (which has the ``uno`` module of python3-uno), against a headless
LibreOffice started by `amendtrack.files.office.listening`:

    python3 tests/office_edit.py CONNECTION DOCUMENT [--record] SEARCH REPLACEMENT [SEARCH …]
    python3 tests/office_edit.py CONNECTION DOCUMENT --accept-all
    python3 tests/office_edit.py CONNECTION DOCUMENT --open

Each SEARCH text is replaced by its REPLACEMENT everywhere in the document (Writer's Find &
Replace, formatting kept), as tracked changes with ``--record`` (Edit › Track Changes ›
Record); or, with ``--accept-all``, every tracked change is accepted (Edit ›
Track Changes › Accept All, the ``.uno:AcceptAllTrackedChanges`` command) and recording is
turned off. Then the document is saved in its own format and closed; with ``--open`` it is
only opened and closed. Exit status 1 when a SEARCH text is not found, when tracked changes
remain after accepting them all, or when LibreOffice asked anything while opening the
document (a repair of a broken package, a filter to choose, a password …): every question is
recorded and refused, so a document that needs repair is not opened.
"""

import sys
import time

import uno  # type: ignore[import-not-found]
import unohelper  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.task import XInteractionAbort, XInteractionHandler  # type: ignore[import]


class _Questions(unohelper.Base, XInteractionHandler):
    """Records every question LibreOffice asks while loading, and refuses it (abort)."""

    def __init__(self):
        self.asked = []

    def handle(self, request):
        try:
            question = request.getRequest()
            self.asked.append(getattr(question, "typeName", type(question).__name__))
        except Exception:  # pyuno cannot convert some requests (exceptions) on Python 3.12+
            self.asked.append("a question pyuno cannot show")
        for continuation in request.getContinuations():
            if isinstance(continuation, XInteractionAbort):
                continuation.select()


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _context(connection):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            context = resolver.resolve(f"uno:{connection}StarOffice.ComponentContext")
            break
        except Exception:  # LibreOffice is still starting
            time.sleep(0.5)
    else:
        raise SystemExit("LibreOffice did not answer")
    return context


def _accept_all(context, document):
    """Accept every tracked change, as Edit › Track Changes › Accept All does."""
    helper = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", context)
    frame = document.getCurrentController().getFrame()
    helper.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
    document.RecordChanges = False
    left = document.getRedlines().createEnumeration()
    return ["tracked changes remain"] if left.hasMoreElements() else []


def main(connection, path, *pairs):
    context = _context(connection)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                               context)
    url = uno.systemPathToFileUrl(path)
    questions = _Questions()
    document = desktop.loadComponentFromURL(url, "_blank", 0, (
        _property("Hidden", True), _property("InteractionHandler", questions)))
    if questions.asked or document is None:
        print(f"LibreOffice asked, opening the document: {questions.asked}", file=sys.stderr)
        raise SystemExit(1)
    if pairs == ("--open",):
        document.close(True)
        return
    if pairs[:1] == ("--record",):
        document.RecordChanges = True
        pairs = pairs[1:]
    accept = pairs == ("--accept-all",)
    missing = _accept_all(context, document) if accept else []
    for search, replacement in zip(pairs[::2], pairs[1::2], strict=True) if not accept else ():
        descriptor = document.createReplaceDescriptor()
        descriptor.SearchString = search
        descriptor.ReplaceString = replacement
        if document.replaceAll(descriptor) == 0:
            missing.append(search)
    document.store()
    document.close(True)
    if missing:
        print(f"failed: {missing}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main(*sys.argv[1:])
