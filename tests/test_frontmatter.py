"""The front-matter parser: every malformed input is a finding with its line, never an exception."""

from helsesider.content.frontmatter import parse

P = "docs/nb/x.md"


def messages(data: bytes):
    document, findings = parse(P, data)
    return document, [str(f) for f in findings]


def test_fields_keep_their_lines_and_dates_stay_text():
    document, findings = messages(b"---\ntitle: Fastlege\nreviewed: 2026-03-03\n---\n\nBody\n")
    assert findings == []
    assert document.fields["title"].value == "Fastlege"
    assert document.fields["title"].line == 2
    assert document.fields["reviewed"].value == "2026-03-03"
    assert document.fields["reviewed"].line == 3
    assert document.body_line == 5
    assert document.body.strip() == "Body"


def test_missing_closing_fence():
    assert messages(b"---\ntitle: x\n\nBody\n") == (
        None,
        [f"{P}:1:1: error: front-matter starts on line 1 but is never closed with a '---' line"],
    )


def test_no_front_matter():
    document, found = messages(b"# Title\n")
    assert document is None and "the first line must be '---'" in found[0] and found[0].startswith(f"{P}:1:1: error:")


def test_empty_file():
    assert messages(b"")[1] == [
        f"{P}:1:1: error: file is empty; an article starts with front-matter between two '---' lines"
    ]


def test_duplicate_key_names_both_lines():
    assert messages(b"---\ntitle: a\ndescription: b\ntitle: c\n---\n")[1] == [
        f"{P}:4:1: error: duplicate key 'title' (first on line 2)"
    ]


def test_tab_is_named_with_line_and_column():
    assert messages(b"---\ntitle: a\n\tdescription: b\n---\n")[1] == [
        f"{P}:3:1: error: tab character in front-matter; indent with spaces"
    ]


def test_yaml_syntax_error_has_the_line():
    _, found = messages(b"---\ntitle: a\ndescription: [unclosed\nprovider: x\n---\n")
    assert len(found) == 1 and "front-matter is not valid YAML" in found[0]
    assert found[0].startswith(f"{P}:5:") or found[0].startswith(f"{P}:4:")


def test_not_utf8_names_line_and_byte():
    assert messages(b"---\ntitle: a\n---\n\nBl\xe5b\xe6r\n")[1] == [
        f"{P}:5:3: error: byte 0xe5 is not UTF-8; save the file as UTF-8"
    ]


def test_bom_is_a_warning_and_crlf_is_accepted():
    document, found = messages("\ufeff---\r\ntitle: a\r\n---\r\n\r\nBody\r\n".encode())
    assert found == [f"{P}:1:1: warning: file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"]
    assert document.fields["title"].value == "a" and document.body.strip() == "Body"


def test_too_large():
    assert messages(b"---\ntitle: a\n---\n" + b"x" * 5_000_000)[1] == [
        f"{P}:1:1: error: file is 5.0 MB; an article may be at most 1 MB"
    ]


def test_aliases_and_anchors_are_refused():
    _, found = messages(b"---\ntitle: &t a\ndescription: *t\n---\n")
    assert found == [f"{P}:3:1: error: description: YAML anchors and aliases (& and *) are not allowed"]


def test_front_matter_must_be_a_mapping():
    assert messages(b"---\n- a\n- b\n---\n")[1] == [
        f"{P}:2:1: error: front-matter must be a list of 'key: value' lines"
    ]


def test_python_tags_are_not_executed():
    _, found = messages(b"---\ntitle: !!python/object/apply:os.system ['true']\n---\n")
    assert len(found) == 1 and found[0].startswith(f"{P}:2:1: error: title: value cannot be read")


def test_control_character_is_a_finding():
    assert messages(b"---\ntitle: a\ndescription: \x08\n---\n")[1] == [
        f"{P}:3:1: error: front-matter contains the control character #x0008; remove it"
    ]
