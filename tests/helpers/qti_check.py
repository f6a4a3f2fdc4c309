"""A structural checker for IMS QTI 2.1 content packages, written from the specification.

No installable package ships the QTI 2.1 XML schema, so this checks the rules of the QTI 2.1
information model and of IMS Content Packaging 1.1 that studyapp's packages rely on:

- the package is a zip with `imsmanifest.xml` at its root (namespace imscp_v1p1); every resource
  has an identifier, a type and an href; every file it lists exists in the zip; every dependency
  names another resource;
- every item resource (type imsqti_item_xmlv2p1) holds one `assessmentItem` in the QTI 2.1
  namespace with identifier, title, adaptive and timeDependent;
- the children of assessmentItem come in the order of the schema: responseDeclaration*,
  outcomeDeclaration*, templateDeclaration*, templateProcessing?, stylesheet*, itemBody?,
  responseProcessing?, modalFeedback*;
- declarations have a valid cardinality and baseType; identifiers are XML NCNames and unique;
- interactions name a declared response; a choiceInteraction's choices have unique identifiers
  and its correct response names them; maxChoices agrees with the cardinality; a
  textEntryInteraction sits inside a block (e.g. p), as inline interactions must;
- the item body uses only XHTML elements the QTI content model allows; every img has src and alt,
  and its src is a file in the package;
- modalFeedback has outcomeIdentifier, identifier and showHide (show or hide) and names a declared
  outcome; an assessmentTest's item references point at files in the package.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
CARDINALITIES = {"single", "multiple", "ordered", "record"}
BASE_TYPES = {"identifier", "boolean", "integer", "float", "string", "point", "pair", "directedPair",
              "duration", "file", "uri", "intOrIdentifier"}  # fmt: skip
ITEM_ORDER = ["responseDeclaration", "outcomeDeclaration", "templateDeclaration", "templateProcessing",
              "stylesheet", "itemBody", "responseProcessing", "modalFeedback"]  # fmt: skip
BODY_ELEMENTS = {"p", "div", "span", "br", "img", "em", "strong", "b", "i", "ul", "ol", "li", "h1", "h2",
                 "h3", "h4", "h5", "h6", "blockquote", "table", "tr", "td", "th", "tbody", "thead",
                 "choiceInteraction", "simpleChoice", "prompt", "textEntryInteraction", "sub", "sup",
                 "code", "pre", "hr"}  # fmt: skip
BLOCKS = {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "simpleChoice"}
REQUIRED_ITEM = {"identifier", "title", "adaptive", "timeDependent"}


def _local(tag: str, namespace: str) -> str:
    prefix = f"{{{namespace}}}"
    if not tag.startswith(prefix):
        raise AssertionError(f"element {tag} is not in namespace {namespace}")
    return tag[len(prefix) :]


def check_item(root: ET.Element, href: str, files: set[str]) -> list[str]:
    problems: list[str] = []
    if _local(root.tag, QTI) != "assessmentItem":
        return [f"{href}: root is {root.tag}, not assessmentItem"]
    missing = REQUIRED_ITEM - set(root.attrib)
    if missing:
        problems.append(f"{href}: assessmentItem lacks {sorted(missing)}")
    if not NCNAME.match(root.get("identifier", "")):
        problems.append(f"{href}: identifier {root.get('identifier')!r} is not an NCName")
    for flag in ("adaptive", "timeDependent"):
        if root.get(flag) not in ("true", "false"):
            problems.append(f"{href}: {flag} must be true or false")
    order = [_local(child.tag, QTI) for child in root]
    positions = [ITEM_ORDER.index(name) if name in ITEM_ORDER else -1 for name in order]
    if -1 in positions:
        problems.append(f"{href}: unexpected child of assessmentItem in {order}")
    elif positions != sorted(positions):
        problems.append(f"{href}: children out of the schema's order: {order}")
    responses: dict[str, ET.Element] = {}
    outcomes: set[str] = set()
    for child in root:
        name = _local(child.tag, QTI)
        if name in ("responseDeclaration", "outcomeDeclaration"):
            ident = child.get("identifier", "")
            if not NCNAME.match(ident) or ident in responses or ident in outcomes:
                problems.append(f"{href}: bad or repeated identifier {ident!r}")
            if child.get("cardinality") not in CARDINALITIES:
                problems.append(f"{href}: {ident} has cardinality {child.get('cardinality')!r}")
            if child.get("baseType") not in BASE_TYPES:
                problems.append(f"{href}: {ident} has baseType {child.get('baseType')!r}")
            if name == "responseDeclaration":
                responses[ident] = child
            else:
                outcomes.add(ident)
    body = root.find(f"{{{QTI}}}itemBody")
    if body is None:
        return [*problems, f"{href}: no itemBody"]
    parents = {child: parent for parent in body.iter() for child in parent}
    for element in body.iter():
        name = _local(element.tag, QTI)
        if element is not body and name not in BODY_ELEMENTS:
            problems.append(f"{href}: <{name}> is not allowed in itemBody here")
        if name == "img":
            src = element.get("src", "")
            if not element.get("alt"):
                problems.append(f"{href}: img without alt")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(href), src))
            if target not in files:
                problems.append(f"{href}: img src {src!r} is not in the package")
        if name in ("choiceInteraction", "textEntryInteraction"):
            response = responses.get(element.get("responseIdentifier", ""))
            if response is None:
                problems.append(f"{href}: {name} names an undeclared response")
                continue
            correct = [v.text for v in response.iterfind(f"{{{QTI}}}correctResponse/{{{QTI}}}value")]
            if name == "choiceInteraction":
                ids = [c.get("identifier", "") for c in element.iterfind(f"{{{QTI}}}simpleChoice")]
                if len(ids) != len(set(ids)) or not all(NCNAME.match(i) for i in ids):
                    problems.append(f"{href}: choice identifiers are not unique NCNames")
                if any(v not in ids for v in correct) or not correct:
                    problems.append(f"{href}: the correct response names no or unknown choices")
                single = response.get("cardinality") == "single"
                if single and element.get("maxChoices") != "1":
                    problems.append(f"{href}: single cardinality needs maxChoices=1")
                if response.get("baseType") != "identifier":
                    problems.append(f"{href}: a choice response must have baseType identifier")
            else:
                parent = parents.get(element)
                if parent is None or _local(parent.tag, QTI) not in BLOCKS:
                    problems.append(f"{href}: textEntryInteraction must sit inside a block such as p")
                if response.get("cardinality") != "single":
                    problems.append(f"{href}: text entry needs single cardinality")
    for feedback in root.iterfind(f"{{{QTI}}}modalFeedback"):
        if feedback.get("outcomeIdentifier") not in outcomes:
            problems.append(f"{href}: modalFeedback names an undeclared outcome")
        if feedback.get("showHide") not in ("show", "hide") or not NCNAME.match(
            feedback.get("identifier", "")
        ):
            problems.append(f"{href}: modalFeedback needs showHide show|hide and an identifier")
    return problems


def check_package(path: Path) -> tuple[list[str], int]:
    """(problems, number of items checked)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as archive:
        files = set(archive.namelist())
        if "imsmanifest.xml" not in files:
            return ["no imsmanifest.xml at the root"], 0
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        if _local(manifest.tag, CP) != "manifest" or not manifest.get("identifier"):
            problems.append("manifest root must be imscp manifest with an identifier")
        resources = manifest.findall(f"{{{CP}}}resources/{{{CP}}}resource")
        idents = [r.get("identifier", "") for r in resources]
        if len(idents) != len(set(idents)):
            problems.append("resource identifiers repeat")
        items = 0
        for resource in resources:
            href, kind = resource.get("href", ""), resource.get("type", "")
            if not href or not kind:
                problems.append(f"resource {resource.get('identifier')} lacks href or type")
                continue
            listed = [f.get("href", "") for f in resource.iterfind(f"{{{CP}}}file")]
            problems += [f"{href}: lists {f!r}, which is not in the zip" for f in listed if f not in files]
            for dependency in resource.iterfind(f"{{{CP}}}dependency"):
                if dependency.get("identifierref") not in idents:
                    problems.append(f"{href}: depends on an unknown resource")
            if kind == "imsqti_item_xmlv2p1":
                items += 1
                problems += check_item(ET.fromstring(archive.read(href)), href, files)
            elif kind == "imsqti_test_xmlv2p1":
                test = ET.fromstring(archive.read(href))
                if _local(test.tag, QTI) != "assessmentTest":
                    problems.append(f"{href}: not an assessmentTest")
                for ref in test.iter(f"{{{QTI}}}assessmentItemRef"):
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(href), ref.get("href", "")))
                    if target not in files:
                        problems.append(f"{href}: item reference {ref.get('href')!r} is not in the package")
    return problems, items
