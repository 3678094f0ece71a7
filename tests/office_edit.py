"""Edit a document in LibreOffice Writer, as a user would: a Python-UNO script.

Run by the system's python3 (which has the ``uno`` module of python3-uno), against a headless
LibreOffice started by `amendtrack.files.office.listening`:

    python3 tests/office_edit.py CONNECTION DOCUMENT SEARCH REPLACEMENT [SEARCH REPLACEMENT …]
    python3 tests/office_edit.py CONNECTION DOCUMENT --accept-all

Each SEARCH text is replaced by its REPLACEMENT everywhere in the document (Writer's Find &
Replace, formatting kept); or, with ``--accept-all``, every tracked change is accepted (Edit ›
Track Changes › Accept All, the ``.uno:AcceptAllTrackedChanges`` command) and recording is
turned off. Then the document is saved in its own format and closed. Exit status 1 when a
SEARCH text is not found, or when tracked changes remain after accepting them all.
"""

import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


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
    document = desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
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
