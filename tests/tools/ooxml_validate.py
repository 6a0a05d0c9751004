"""Validate every part of a .docx against the ECMA-376 schemas (kept in tests/schemas/ecma-376, with their source
and licence in its README).

Each XML part is checked by its root element's namespace: WordprocessingML parts (document, styles,
settings, fonts, numbering, headers, footers, footnotes ...) against ``wml.xsd``, the theme against
``dml-main.xsd``, ``docProps/app.xml`` against the extended-properties schema, ``docProps/core.xml``
against the OPC core-properties schema, ``[Content_Types].xml`` and every ``.rels`` against the OPC
schemas, custom XML properties against theirs.  A part whose namespace has no schema here is reported,
so nothing goes unchecked silently; parts that are not XML (images) are skipped.

Markup Compatibility (mc:Ignorable) is applied first: elements and attributes in ignorable namespaces
are dropped, as a consumer that does not know them would.  Two imports that the schemas name without a
usable location are supplied by small stand-ins, written here: the ``xml:`` namespace (wml.xsd) and the
Dublin Core element and term namespaces (opc-coreProperties.xsd imports them by URL).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"

XML_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
  <xs:attribute name="lang" type="xs:language"/>
</xs:schema>
"""

# Stand-ins for the Dublin Core schemas: the elements core.xml may hold, as simple literals with an
# optional xml:lang, and the W3CDTF date type that dcterms:created and dcterms:modified name with xsi:type.
DC_XSD = f"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="{DC}" targetNamespace="{DC}"
           elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>
  <xs:complexType name="SimpleLiteral"><xs:simpleContent><xs:extension base="xs:string">
    <xs:attribute ref="xml:lang" use="optional"/></xs:extension></xs:simpleContent></xs:complexType>
  {
    "".join(
        f'<xs:element name="{n}" type="SimpleLiteral"/>'
        for n in (
            "title",
            "creator",
            "subject",
            "description",
            "identifier",
            "language",
            "publisher",
            "contributor",
            "date",
            "type",
            "format",
            "source",
            "relation",
            "coverage",
            "rights",
        )
    )
}
</xs:schema>
"""
DCTERMS_XSD = f"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{DCTERMS}" elementFormDefault="qualified">
  <xs:simpleType name="W3CDTF"><xs:union memberTypes="xs:dateTime xs:date xs:gYearMonth xs:gYear"/></xs:simpleType>
  <xs:element name="created" type="xs:anySimpleType"/>
  <xs:element name="modified" type="xs:anySimpleType"/>
</xs:schema>
"""

SCHEMA_FILES = {  # namespace -> (folder, file) inside ooxml-schemas
    W: ("transitional", "wml.xsd"),
    A: ("transitional", "dml-main.xsd"),
    EXTENDED: ("transitional", "shared-documentPropertiesExtended.xsd"),
    CUSTOM_XML: ("transitional", "shared-customXmlDataProperties.xsd"),
    RELS: ("opc", "opc-relationships.xsd"),
    TYPES: ("opc", "opc-contentTypes.xsd"),
}


SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / "ecma-376"


def schema_dir() -> Path:
    """The Transitional schemas' folder (tests/schemas/ecma-376/transitional; the OPC schemas are beside it):
    part of the repository, so every checkout validates."""
    return SCHEMAS / "transitional"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True)


@lru_cache(maxsize=4)
def _schema(directory: str, namespace: str) -> etree.XMLSchema:
    """The schema for one namespace, with the stand-ins beside it."""
    root = Path(directory).parent  # ooxml-schemas/
    tmp = Path(tempfile.mkdtemp(prefix="ooxml-xsd-"))
    (tmp / "xml.xsd").write_text(XML_XSD)
    (tmp / "dc.xsd").write_text(DC_XSD)
    (tmp / "dcterms.xsd").write_text(DCTERMS_XSD)
    imports = [("http://www.w3.org/XML/1998/namespace", tmp / "xml.xsd")]
    if namespace == CORE:
        # opc-coreProperties.xsd names the Dublin Core schemas by URL: a copy pointing at the stand-ins.
        core = (root / "opc" / "opc-coreProperties.xsd").read_text(encoding="utf-8-sig")
        core = core.replace("http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd", "dc.xsd")
        core = core.replace("http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd", "dcterms.xsd")
        (tmp / "core.xsd").write_text(core, encoding="utf-8")
        imports.append((CORE, tmp / "core.xsd"))
    else:
        folder, name = SCHEMA_FILES[namespace]
        imports.append((namespace, root / folder / name))
    body = "".join(f'<xs:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>' for ns, path in imports)
    wrapper = (
        f'<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'targetNamespace="urn:sec-redline:wrapper">{body}</xs:schema>'
    )
    (tmp / "wrapper.xsd").write_text(wrapper)
    return etree.XMLSchema(etree.parse(str(tmp / "wrapper.xsd"), _parser()))


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
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
            continue
        for attr in list(el.attrib):
            ns = etree.QName(attr).namespace
            if ns in ignorable or ns == MC:
                del el.attrib[attr]
    return root


def validate_part(xml: bytes, directory: Path) -> list[str]:
    """Schema errors of one XML part (empty when valid); a part with no schema here is an error too."""
    root = apply_markup_compatibility(etree.fromstring(xml, _parser()))
    namespace = etree.QName(root).namespace or ""
    if namespace not in SCHEMA_FILES and namespace != CORE:
        return [f"no ECMA-376 schema for the root element {root.tag}"]
    schema = _schema(str(directory), namespace)
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def validate_document_xml(xml: bytes, directory: Path) -> list[str]:
    """Schema errors of a word/document.xml (empty when valid)."""
    return validate_part(xml, directory)


def validate_package(docx: bytes | str | Path, directory: Path) -> list[str]:
    """Schema errors of every XML part of a .docx, each as 'part: line N: message' (empty when valid)."""
    source = io.BytesIO(docx) if isinstance(docx, bytes) else docx
    errors: list[str] = []
    with zipfile.ZipFile(source) as z:
        for name in sorted(z.namelist()):
            if name.endswith("/"):
                continue
            data = z.read(name)
            if not data.lstrip().startswith(b"<"):
                continue  # an image or other binary part
            errors += [f"{name}: {e}" for e in validate_part(data, directory)]
    return errors
