"""IMS QTI 2.1 content packages: one assessmentItem per question, a test with a section per body
area, pictures as package files, all listed in an IMS Content Packaging 1.1 manifest.

Multiple-choice items use choiceInteraction (single or multiple cardinality), short-answer items a
textEntryInteraction whose mapping accepts every listed spelling, case-insensitively. Response
processing is written out (not a template) so it can also set the FEEDBACK outcome that shows the
right answer and the explanation after an attempt.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from pathlib import Path

from studyapp.interop.atomic import atomic_path
from studyapp.interop.model import Item, PictureRenderer
from studyapp.interop.pictures import collect

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
MEDIA_TYPE = "webcontent"


def identifier(text: str, taken: set[str]) -> str:
    """A QTI identifier (an XML NCName) from any id, unique among `taken` (which it joins)."""
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "item"
    if not re.match(r"[A-Za-z_]", base):
        base = "I" + base
    candidate = base
    if candidate in taken:
        candidate = f"{base}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"
    taken.add(candidate)
    return candidate


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _sub(
    parent: ET.Element, tag: str, attrib: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), attrib or {})
    if text is not None:
        element.text = text
    return element


def _paragraphs(parent: ET.Element, text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            _sub(parent, "p", text=line)


def _base(tag: str, attrs: dict[str, str], *, text: str) -> ET.Element:
    element = ET.Element(_q(tag), attrs)
    element.text = text
    return element


def _set_outcome(parent: ET.Element, outcome: str, base_type: str, value: str) -> None:
    setter = _sub(parent, "setOutcomeValue", {"identifier": outcome})
    setter.append(_base("baseValue", {"baseType": base_type}, text=value))


def _processing(item_el: ET.Element, short_answer: bool) -> None:
    processing = _sub(item_el, "responseProcessing")
    condition = _sub(processing, "responseCondition")
    when = _sub(condition, "responseIf")
    if short_answer:
        test = _sub(when, "gte")
        _sub(test, "mapResponse", {"identifier": "RESPONSE"})
        test.append(_base("baseValue", {"baseType": "float"}, text="1"))
    else:
        test = _sub(when, "match")
        _sub(test, "variable", {"identifier": "RESPONSE"})
        _sub(test, "correct", {"identifier": "RESPONSE"})
    _set_outcome(when, "SCORE", "float", "1")
    _set_outcome(when, "FEEDBACK", "identifier", "CORRECT")
    otherwise = _sub(condition, "responseElse")
    _set_outcome(otherwise, "SCORE", "float", "0")
    _set_outcome(otherwise, "FEEDBACK", "identifier", "INCORRECT")


def assessment_item(item: Item, ident: str, picture: str | None) -> ET.Element:
    """The assessmentItem for one question; `picture` is the package path of its image, if any."""
    root = ET.Element(
        _q("assessmentItem"),
        {
            f"{{{XSI}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
            "identifier": ident,
            "title": item.prompt[:60] if item.kind == "course" else item.id,
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    short = item.is_short_answer
    multiple = item.is_multi_select
    response = _sub(
        root,
        "responseDeclaration",
        {
            "identifier": "RESPONSE",
            "cardinality": "multiple" if multiple else "single",
            "baseType": "string" if short else "identifier",
        },
    )
    choice_ids = [f"C{i + 1}" for i in range(len(item.choices))]
    correct = _sub(response, "correctResponse")
    if short:
        _sub(correct, "value", text=item.accepted[0])
        mapping = _sub(response, "mapping", {"defaultValue": "0"})
        for accepted in dict.fromkeys(a.casefold() for a in item.accepted):
            _sub(mapping, "mapEntry", {"mapKey": accepted, "mappedValue": "1", "caseSensitive": "false"})
    else:
        for cid, choice in zip(choice_ids, item.choices, strict=True):
            if choice.correct:
                _sub(correct, "value", text=cid)
    score = _sub(
        root, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"}
    )
    _sub(_sub(score, "defaultValue"), "value", text="0")
    _sub(
        root,
        "outcomeDeclaration",
        {"identifier": "FEEDBACK", "cardinality": "single", "baseType": "identifier"},
    )
    body = _sub(root, "itemBody")
    _paragraphs(body, item.prompt)
    if picture is not None:
        holder = _sub(body, "p")
        _sub(holder, "img", {"src": picture, "alt": "Referral pattern"})
    if short:
        holder = _sub(body, "p", text="Answer: ")
        _sub(holder, "textEntryInteraction", {"responseIdentifier": "RESPONSE", "expectedLength": "40"})
    else:
        interaction = _sub(
            body,
            "choiceInteraction",
            {"responseIdentifier": "RESPONSE", "shuffle": "true", "maxChoices": "0" if multiple else "1"},
        )
        for cid, choice in zip(choice_ids, item.choices, strict=True):
            _sub(interaction, "simpleChoice", {"identifier": cid}, text=choice.text)
    _processing(root, short)
    for outcome, verdict in (("CORRECT", "Correct."), ("INCORRECT", "Not quite.")):
        feedback = _sub(
            root,
            "modalFeedback",
            {"outcomeIdentifier": "FEEDBACK", "identifier": outcome, "showHide": "show"},
        )
        text = f"{verdict} The answer: {item.answer}" if outcome == "INCORRECT" else verdict
        _paragraphs(feedback, text + ("\n" + item.feedback if item.feedback else ""))
    return root


def assessment_test(sections: list[tuple[str, list[tuple[str, str]]]]) -> ET.Element:
    """A test with one section per body area; `sections` hold (title, [(item id, href)])."""
    test = ET.Element(
        _q("assessmentTest"),
        {
            f"{{{XSI}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
            "identifier": "studyapp-bank",
            "title": "studyapp",
        },
    )
    part = _sub(
        test,
        "testPart",
        {"identifier": "part1", "navigationMode": "nonlinear", "submissionMode": "individual"},
    )
    taken: set[str] = set()
    for title, refs in sections:
        section = _sub(
            part,
            "assessmentSection",
            {"identifier": identifier("section-" + title, taken), "title": title, "visible": "true"},
        )
        for ident, href in refs:
            _sub(section, "assessmentItemRef", {"identifier": ident, "href": href})
    return test


def _manifest(resources: list[tuple[str, str, str, list[str], list[str]]]) -> ET.Element:
    """resources: (identifier, type, href, files, dependency identifiers)."""
    ET.register_namespace("", CP_NS)
    manifest = ET.Element(
        f"{{{CP_NS}}}manifest",
        {"identifier": "studyapp-qti-package", f"{{{XSI}}}schemaLocation": f"{CP_NS} {CP_XSD}"},
    )
    metadata = ET.SubElement(manifest, f"{{{CP_NS}}}metadata")
    ET.SubElement(metadata, f"{{{CP_NS}}}schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "1.0.0"
    ET.SubElement(manifest, f"{{{CP_NS}}}organizations")
    listed = ET.SubElement(manifest, f"{{{CP_NS}}}resources")
    for ident, kind, href, files, dependencies in resources:
        resource = ET.SubElement(
            listed, f"{{{CP_NS}}}resource", {"identifier": ident, "type": kind, "href": href}
        )
        for file in files:
            ET.SubElement(resource, f"{{{CP_NS}}}file", {"href": file})
        for dependency in dependencies:
            ET.SubElement(resource, f"{{{CP_NS}}}dependency", {"identifierref": dependency})
    return manifest


def _xml(element: ET.Element, default_ns: str) -> bytes:
    ET.register_namespace("", default_ns)
    ET.register_namespace("xsi", XSI)
    ET.indent(element, space=" ")
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def write_qti(
    items: Sequence[Item], target: Path, renderer: PictureRenderer | None, media_root: Path | None = None
) -> int:
    """Write the package (a zip) atomically; returns the number of items."""
    names, media = collect(items, renderer, media_root, questions_only=True)
    taken: set[str] = set()
    resources: list[tuple[str, str, str, list[str], list[str]]] = []
    files: dict[str, bytes] = {}
    sections: dict[str, list[tuple[str, str]]] = {}
    media_resources = {name: identifier("media-" + name, taken) for name in media}
    for name, data in media.items():
        files[f"media/{name}"] = data
        resources.append((media_resources[name], MEDIA_TYPE, f"media/{name}", [f"media/{name}"], []))
    item_ids = []
    for item in items:
        ident = identifier(item.id, taken)
        href = f"items/{ident}.xml"
        picture_name = names.get(item.id)
        picture = f"../media/{picture_name}" if picture_name else None
        files[href] = _xml(assessment_item(item, ident, picture), QTI_NS)
        resources.append(
            (ident, ITEM_TYPE, href, [href], [media_resources[picture_name]] if picture_name else [])
        )
        sections.setdefault(item.category or "General", []).append((ident, f"../{href}"))
        item_ids.append(ident)
    test_href = "tests/studyapp.xml"
    files[test_href] = _xml(assessment_test(list(sections.items())), QTI_NS)
    resources.insert(0, ("studyapp-test", TEST_TYPE, test_href, [test_href], item_ids))
    with atomic_path(target) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", _xml(_manifest(resources), CP_NS))
        for path, data in files.items():
            archive.writestr(
                path, data, zipfile.ZIP_STORED if path.endswith(".png") else zipfile.ZIP_DEFLATED
            )
    return len(items)
