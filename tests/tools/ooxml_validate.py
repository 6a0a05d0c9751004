"""Validate a .docx part against the ECMA-376 transitional schemas (kept in ../shared).

Markup Compatibility (mc:Ignorable) is applied first: elements and attributes
in ignorable namespaces are dropped, as a consumer that does not know them
would.  The ``xml:`` namespace, which wml.xsd imports without a location, is
supplied by a small stand-in schema.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

XML_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
  <xs:attribute name="lang" type="xs:language"/>
</xs:schema>
"""


def schema_dir() -> Path | None:
    """../shared/ooxml-schemas/transitional beside the checkout, if it is there."""
    here = Path(__file__).resolve()
    for base in here.parents:
        cand = base.parent / "shared" / "ooxml-schemas" / "transitional"
        if (cand / "wml.xsd").is_file():
            return cand
    return None


@lru_cache(maxsize=1)
def wml_schema(directory: str) -> etree.XMLSchema:
    tmp = Path(tempfile.mkdtemp(prefix="ooxml-xsd-"))
    (tmp / "xml.xsd").write_text(XML_XSD)
    wrapper = f"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:sec-redline:wrapper">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="{(tmp / 'xml.xsd').as_uri()}"/>
  <xs:import namespace="{W}" schemaLocation="{(Path(directory) / 'wml.xsd').as_uri()}"/>
</xs:schema>"""
    (tmp / "wrapper.xsd").write_text(wrapper)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(tmp / "wrapper.xsd"), parser))


def apply_markup_compatibility(root: etree._Element) -> etree._Element:
    """Drop what mc:Ignorable says a consumer may ignore, and the mc attributes themselves."""
    ignorable = set()
    for el in root.iter():
        value = el.get(f"{{{MC}}}Ignorable")
        if value:
            ignorable |= {el.nsmap.get(prefix) for prefix in value.split()}
    ignorable.discard(None)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignorable:
            el.getparent().remove(el)
            continue
        for attr in list(el.attrib):
            ns = etree.QName(attr).namespace
            if ns in ignorable or ns == MC:
                del el.attrib[attr]
    return root


def validate_document_xml(xml: bytes, directory: Path) -> list[str]:
    """Schema errors of a word/document.xml (empty when valid)."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    root = apply_markup_compatibility(root)
    schema = wml_schema(str(directory))
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
