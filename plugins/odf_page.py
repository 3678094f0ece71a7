"""The ODT document's pages: A4, numbered at their foot (« Page N sur M »), no widow or orphan.

The page layout and the master page of odfdo's template are changed in place, and the
« Footer » paragraph style is added, so that a house style can restyle the footer in Writer.
"""

from __future__ import annotations

from typing import Any

_FOOTER = ('<style:footer><text:p text:style-name="Footer">Page <text:page-number '
           'text:select-page="current">1</text:page-number> sur <text:page-count>1'
           "</text:page-count></text:p></style:footer>")


def page_style(document: Any) -> None:
    """A4 pages numbered at their foot; no widow or orphan line in the body text."""
    layout = document.get_style("page-layout", "Mpm1")
    if layout is not None:
        layout.set_properties({"fo:page-width": "21cm", "fo:page-height": "29.7cm"})
        footer = layout.get_element("style:footer-style")
        if footer is not None:
            footer.append(document.body.from_tag(
                '<style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/>'))
    master = document.get_style("master-page", "Standard")
    if master is not None:
        master.append(document.body.from_tag(_FOOTER))
    document.insert_style(
        '<style:style style:name="Footer" style:display-name="Footer" style:family="paragraph"'
        ' style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties'
        ' fo:text-align="center"/><style:text-properties fo:font-size="9pt"/></style:style>')
    body = document.get_style("paragraph", "Text_20_body")
    if body is not None:
        body.set_properties({"fo:widows": "2", "fo:orphans": "2"}, area="paragraph")


__all__ = ["page_style"]
