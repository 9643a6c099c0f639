"""The bad-input matrix: each broken input stops `endofwar build` or `endofwar validate` with a
non-zero exit and a message naming the file, the YAML line or table row, and the field, and
saying what to do; the published tables and datapackage.json stay byte-identical.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil

import pytest
from click.testing import CliRunner
from conftest import snapshot

from endofwar.cli import main

KH = "annotations/korea-herald-end-of-war-rainbow.yaml"
REGISTRY = "annotations/registry.yaml"
LOWY = "annotations/lowy-honouring-the-dead.yaml"
CARNEGIE = "annotations/carnegie-aftermath-third-inter-korean-summit-scenarios.yaml"
HARRIS = "annotations/yonhap-harris-no-reward.yaml"
MAY_21 = 'date_text: "on May 21", date_start: 2021-05-21, date_end: 2021-05-21, date_precision: day, date_basis: relative}'
KIM_SPEECH = ('{event_id: kim-jong-un-policy-speech-2021, evidence: "his policy speech",\n'
              '     date_text: "in September", date_start: 2021-09-01, date_end: 2021-09-30')
KH_RAW = "raw/korea-herald-end-of-war-rainbow.txt"
LOWY_RAW = "raw/lowy-honouring-the-dead.txt"


# ---- helpers that damage one input ---------------------------------------------------------

def replace(root, rel, old, new, count=1):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def add_quote(root, body):
    """Insert a quote entry (YAML lines, indented by 4) at the top of the Korea Herald quotes."""
    replace(root, KH, "\nquotes:\n", "\nquotes:\n  - quote_id: kh-test\n" + body)


def add_claim(root, body):
    """Insert a claim entry (YAML lines, indented by 4) at the top of the Korea Herald claims."""
    replace(root, KH, "\nclaims:\n", "\nclaims:\n  - claim_id: kh-c-test\n" + body)


# A claim that passes every check: Klingner's quote kh-q10, on an effect of the declaration.
KLINGNER = ("    actor_expert_id: bruce-klingner\n    concept_id: declaration-advances-denuclearisation\n"
            "    agreement: disagree\n    evidence: An end-of-war declaration would not achieve progress toward denuclearization\n")


def set_raw(root, rel, data: bytes):
    """Replace a raw file and record its new sha256, so the check under test is the one that fires."""
    old = hashlib.sha256((root / rel).read_bytes()).hexdigest()
    (root / rel).write_bytes(data)
    replace(root, "raw/sources.yaml", old, hashlib.sha256(data).hexdigest())


def edit_csv(root, table, edit):
    """Apply edit(rows, header) to a published CSV, keeping its dialect."""
    path = root / "tables" / f"{table}.csv"
    header, *body = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
    edit(body, header)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *body])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(table, field, value, row=0):
    def edit(rows, header):
        rows[row][header.index(field)] = value
    return lambda root: edit_csv(root, table, edit)


def set_cell_of(table, key_field, key, field, value):
    """Edit the row whose key_field is key (rows move as sources are added)."""
    def edit(rows, header):
        next(r for r in rows if r[header.index(key_field)] == key)[header.index(field)] = value
    return lambda root: edit_csv(root, table, edit)


# ---- the matrix --------------------------------------------------------------------------------
# (id, command, damage, pattern the message must match)

BUILD_CASES = [
    ("malformed-yaml", lambda r: replace(r, KH, "\nquotes:\n", "\nquotes: [oops\n"),
     rf"{KH}:\d+: invalid YAML"),
    ("unknown-key", lambda r: add_quote(r, "    evidence: inveterate hostile policy\n    quote_kind: partial\n    speeker: x\n"),
     rf"{KH}:\d+, field 'speeker': unknown key in quote.*allowed keys"),
    ("missing-required-field", lambda r: add_quote(r, "    evidence: inveterate hostile policy\n"),
     rf"{KH}:\d+, field 'quote_kind': quote is missing required field 'quote_kind'"),
    ("evidence-not-in-text", lambda r: add_quote(r, "    evidence: words nobody wrote\n    quote_kind: term\n"),
     rf"{KH}:\d+, field 'evidence': evidence not found in the source text.*copy it exactly"),
    ("evidence-with-straight-quotes", lambda r: add_quote(r, "    evidence: 'the US'' \"inveterate hostile policy\"'\n    quote_kind: term\n"),
     rf"{KH}:\d+, field 'evidence': evidence not found.*normalised"),
    ("ambiguous-evidence", lambda r: add_quote(r, "    evidence: Einhorn\n    quote_kind: term\n"),
     rf"{KH}:\d+, field 'evidence': evidence is ambiguous: 'Einhorn' occurs \d+ times.*occurrence: N"),
    ("occurrence-out-of-range", lambda r: add_quote(r, "    evidence: Einhorn\n    occurrence: 99\n    quote_kind: term\n"),
     rf"{KH}:\d+, field 'occurrence': occurrence 99 is out of range"),
    ("wrong-type-in-yaml", lambda r: replace(r, "raw/sources.yaml", "published_start: 2021-12-23", "published_start: soon"),
     r"raw/sources.yaml:\d+, field 'published_start': 'soon' is not a date.*YYYY-MM-DD"),
    ("yaml-object-construction", lambda r: replace(r, KH, "\nquotes:\n", "\nx: !!python/object/apply:os.system [echo hacked]\nquotes:\n"),
     rf"{KH}:\d+: invalid YAML: could not determine a constructor"),
    ("duplicate-yaml-key", lambda r: replace(r, KH, "\nquotes:\n", "\ncoding_status: auto\nquotes:\n"),
     rf"{KH}:\d+, field 'coding_status': duplicate key"),
    ("duplicate-id", lambda r: add_quote(r, "    evidence: inveterate hostile policy\n    quote_kind: partial\n")
     or replace(r, KH, "quote_id: kh-test", "quote_id: kh-q01"),
     rf"{KH}:\d+, field 'quote_id': duplicate quotes key kh-q01"),
    ("dangling-reference", lambda r: add_quote(r, "    evidence: inveterate hostile policy\n    quote_kind: partial\n    speaker_expert_id: nobody-at-all\n"),
     rf"{KH}:\d+, field 'speaker_expert_id': 'nobody-at-all' is not a known expert id.*registry"),
    ("dangling-source-speaker", lambda r: replace(r, "raw/sources.yaml", "speaker_expert_id: moon-jae-in", "speaker_expert_id: moon-jaein"),
     r"raw/sources.yaml \(source ungdc-kor-2018\), field 'speaker_expert_id': 'moon-jaein' is not a known expert id.*registry"),
    ("enum-outside-vocabulary", lambda r: add_quote(r, "    evidence: inveterate hostile policy\n    quote_kind: speech\n"),
     rf"{KH}:\d+, field 'quote_kind': 'speech' is not in the vocabulary 'quote_kind'.*use one of"),
    ("date-end-before-start", lambda r: replace(r, "raw/sources.yaml", "published_end: 2021-12-23", "published_end: 2021-12-22"),
     r"raw/sources.yaml \(source korea-herald-end-of-war-rainbow\), field 'published_start,published_end,published_precision': .*must be ordered"),
    ("precision-contradicts-dates", lambda r: replace(r, "raw/sources.yaml", "published_end: 2021-12-31", "published_end: 2021-12-30"),
     r"raw/sources.yaml \(source lowy-honouring-the-dead\), field 'published_start,published_end,published_precision'.*fit published_precision.*month"),
    ("sha256-mismatch", lambda r: (r / LOWY_RAW).write_bytes((r / LOWY_RAW).read_bytes() + b" "),
     r"raw/sources.yaml:\d+, field 'sha256': raw/lowy-honouring-the-dead.txt has sha256 .*immutable"),
    ("non-utf8-raw", lambda r: set_raw(r, LOWY_RAW, (r / LOWY_RAW).read_bytes().replace("’".encode(), b"\x92", 1)),
     rf"{LOWY_RAW}:\d+: not valid UTF-8.*save the file as UTF-8"),
    ("non-utf8-annotation", lambda r: (r / KH).write_bytes((r / KH).read_bytes() + b"\n# caf\xe9\n"),
     rf"{KH}:\d+: not valid UTF-8"),
    ("missing-raw-file", lambda r: (r / LOWY_RAW).unlink(),
     r"raw/sources.yaml:\d+, field 'raw_path': raw file 'raw/lowy-honouring-the-dead.txt' does not exist"),
    ("raw-path-dotdot", lambda r: replace(r, "raw/sources.yaml", f"raw_path: {LOWY_RAW}", "raw_path: raw/../../secret.txt"),
     r"raw/sources.yaml:\d+, field 'raw_path': .*(leaves raw/|pattern)"),
    ("raw-path-absolute", lambda r: replace(r, "raw/sources.yaml", f"raw_path: {LOWY_RAW}", "raw_path: /etc/passwd"),
     r"raw/sources.yaml:\d+, field 'raw_path': .*(leaves raw/|pattern)"),
    ("raw-path-symlink", lambda r: ((r / "outside.txt").write_bytes((r / LOWY_RAW).read_bytes()),
                                    (r / LOWY_RAW).unlink(), (r / LOWY_RAW).symlink_to(r / "outside.txt")),
     r"raw/sources.yaml:\d+, field 'raw_path': raw_path 'raw/lowy-honouring-the-dead.txt' leaves raw/"),
    ("empty-raw-file", lambda r: set_raw(r, LOWY_RAW, b""),
     rf"{LOWY_RAW}: raw file is empty"),
    ("byte-order-mark", lambda r: set_raw(r, LOWY_RAW, b"\xef\xbb\xbf" + (r / LOWY_RAW).read_bytes()),
     rf"{LOWY_RAW}: raw file starts with a byte-order mark.*without BOM"),
    ("crlf-line-endings", lambda r: set_raw(r, KH_RAW, (r / KH_RAW).read_bytes().replace(b"\n", b"\r\n")),
     rf"{KH_RAW}: raw file has CR .*line endings.*LF"),
    ("annotation-for-unknown-source", lambda r: shutil.copy(r / KH, r / "annotations" / "no-such-source.yaml"),
     r"annotations/no-such-source.yaml: annotation file for unknown source 'no-such-source'"),
    ("claim-actor-is-not-the-quote-speaker", lambda r: add_claim(r, KLINGNER.replace("bruce-klingner", "robert-einhorn") + "    quote_id: kh-q10\n"),
     rf"{KH}:\d+, field 'actor_expert_id,actor_institution_id': the claim rests on quote kh-q10, whose speaker is person "
     r"'bruce-klingner', but its actor is person 'robert-einhorn'.*make the quote's speaker the actor"),
    ("claim-actor-is-not-the-demander", lambda r: add_claim(r, KLINGNER + "    precondition_id: kh-p05\n"),
     rf"{KH}:\d+, field 'actor_expert_id,actor_institution_id,speaks_for_institution_id': the claim rests on precondition "
     r"kh-p05, demanded by institution 'north-korea', but its actor is person 'bruce-klingner'"),
    ("claim-event-not-in-its-source", lambda r: add_claim(r, KLINGNER + "    event_id: singapore-summit-2018\n"),
     rf"{KH}:\d+, field 'event_id': event 'singapore-summit-2018' is not mentioned in korea-herald-end-of-war-rainbow"),
    ("claim-date-text-not-in-source", lambda r: add_claim(r, KLINGNER + "    date_start: 2021-12-25\n    date_end: 2021-12-25\n"
                                                          "    date_precision: day\n    date_basis: relative\n    date_text: on Christmas Day\n"),
     rf"{KH}:\d+, field 'date_text': date_text not found in the source text: 'on Christmas Day'"),
    ("claim-dated-without-basis", lambda r: add_claim(r, KLINGNER + "    date_start: 2021-12-01\n    date_end: 2021-12-31\n    date_precision: month\n"),
     rf"{KH}:\d+, field 'date_basis': a dated claim needs its date_basis"),
    ("claim-date-does-not-fit-precision", lambda r: add_claim(r, KLINGNER + "    date_start: 2021-12-01\n    date_end: 2021-12-30\n"
                                                              "    date_precision: month\n    date_basis: inferred\n"),
     rf"{KH}:\d+, field 'date_start,date_end,date_precision': .*fit date_precision"),
    ("claim-institution-actor-speaks-for", lambda r: add_claim(r, KLINGNER.replace("actor_expert_id: bruce-klingner", "actor_institution_id: united-states")
                                                               + "    speaks_for_institution_id: south-korea\n"),
     rf"{KH}:\d+, field 'actor_institution_id,speaks_for_institution_id': at most one of"),
    ("claim-unknown-concept", lambda r: add_claim(r, KLINGNER.replace("declaration-advances-denuclearisation", "no-such-concept")),
     rf"{KH}:\d+, field 'concept_id': 'no-such-concept' is not a known concept id.*annotations/concepts.yaml"),
    ("claim-agreement-outside-vocabulary", lambda r: add_claim(r, KLINGNER.replace("agreement: disagree", "agreement: neutral")),
     rf"{KH}:\d+, field 'agreement': 'neutral' is not in the vocabulary 'agreement'"),
    ("concept-example-not-in-text", lambda r: replace(r, "annotations/concepts.yaml", "evidence: Ri also called for the easing of sanctions",
                                                      "evidence: Ri also called for the lifting of sanctions"),
     r"annotations/concepts.yaml:\d+, field 'evidence': evidence not found in the source text"),
    ("concept-example-source-unknown", lambda r: replace(r, "annotations/concepts.yaml", "source_id: donga-nk-end-of-war-declaration-new-york",
                                                         "source_id: no-such-source"),
     r"annotations/concepts.yaml:\d+, field 'source_id': no source 'no-such-source'"),
    ("precondition-names-no-step", lambda r: replace(r, KH, "required_action: withdraw the \"inveterate hostile policy\"",
                                                     "required_action: conditions (not specified in the sentence)"),
     rf"{KH}:\d+, field 'required_action': required_action 'conditions \(not specified in the sentence\)' names no step"),
    ("precondition-official-as-demander", lambda r: replace(r, KH, "  - precondition_id: kh-p05\n    demander_institution_id: north-korea",
                                                            "  - precondition_id: kh-p05\n    demander_expert_id: kim-yo-jong"),
     rf"{KH}:\d+, field 'demander_expert_id': demander 'kim-yo-jong' is an official.*state or body they speak for"),
    ("precondition-event-not-in-its-source", lambda r: replace(r, KH, "event_id: kim-jong-un-policy-speech-2021", "event_id: hanoi-summit-2019"),
     rf"{KH}:\d+, field 'event_id': event 'hanoi-summit-2019' is not mentioned in korea-herald-end-of-war-rainbow"),
    # a source's reading of an event's date, and the event's date derived from the readings
    ("readings-do-not-overlap", lambda r: replace(r, KH, KIM_SPEECH, KIM_SPEECH.replace("2021-09-01", "2021-08-01").replace("2021-09-30", "2021-08-31")),
     r"annotations/[a-z-]+\.yaml:\d+, field 'date_start,date_end': event kim-jong-un-policy-speech-2021: the readings of its sources "
     r"do not overlap: republic-world-kim-jong-un-us-threat-unchanged \[\d+, \d+\) .* as 2021-09-29..2021-09-29, but "
     r"korea-herald-end-of-war-rainbow \[\d+, \d+\) .* as 2021-08-01..2021-08-31 .*which reading stands and why"),
    ("registry-dates-a-dated-event", lambda r: replace(r, REGISTRY, "    title: Outbreak of the Korean War\n", "    title: Outbreak of the Korean War\n    date_basis: explicit\n"),
     rf"{REGISTRY}:\d+, field 'date_basis': event korean-war-outbreak: \d+ reading\(s\) of its sources date it.*remove date_basis"),
    ("event-without-a-date", lambda r: replace(r, REGISTRY, "    date_start: 2019-02-27\n    date_end: 2019-02-27\n    date_precision: day\n    date_text: on Wednesday\n    date_basis: inferred\n", ""),
     rf"{REGISTRY}:\d+, field 'date_start': event cohen-oversight-hearing-2019: no source's reading dates it and the registry gives no date"),
    ("stale-resolution", lambda r: replace(r, REGISTRY, "    title: Outbreak of the Korean War\n", "    title: Outbreak of the Korean War\n"
                                           "    date_source_id: telegraph-korean-peace-hopes-singapore\n    date_text: in June 1950\n    date_resolution: why not\n"),
     rf"{REGISTRY}:\d+, field 'date_resolution': event korean-war-outbreak: the readings of its sources overlap .*nothing to resolve"),
    ("reading-wording-not-in-text", lambda r: replace(r, KH, 'date_text: "on May 21"', 'date_text: "on May 22"'),
     rf"{KH}:\d+, field 'date_text': date_text not found in the source text: 'on May 22'"),
    ("reading-half-written", lambda r: replace(r, KH, MAY_21, MAY_21.replace(", date_basis: relative", "")),
     rf"{KH}:\d+, field 'date_text,date_start,date_end,date_precision,date_basis': all or none of date_text, date_start"),
    ("relative-reading-against-an-address-date", lambda r: replace(r, LOWY, "date_precision: month, date_basis: inferred}", "date_precision: month, date_basis: relative}"),
     rf"{LOWY}:\d+, field 'date_basis': the reading is resolved against the publication date of lowy-honouring-the-dead, "
     r"which the text does not print.*date_basis: inferred"),
    ("reading-more-precise-than-its-anchor", lambda r: replace(r, KH, MAY_21, MAY_21[:-1] + ", date_anchor_event_id: south-korea-presidential-election-2022}"),
     rf"{KH}:\d+, field 'date_start,date_end': the reading \(2021-05-21..2021-05-21, day\) is more precise than the date of "
     r"south-korea-presidential-election-2022"),
    # attributions end at the cue; a cut-off quotation says so
    ("cue-verb-not-words-of-attribution", lambda r: replace(r, CARNEGIE, "cue_verb: has defined", "cue_verb: hasd efined"),
     rf"{CARNEGIE}:\d+, field 'cue_verb,attribution_text': cue_verb must be whole words .*here cue_verb=hasd efined"),
    ("attribution-past-an-inverted-speaker", lambda r: replace(r, KH, '"said Robert Einhorn"', '"said Robert Einhorn, a senior fellow at the Brookings Institution"'),
     rf"{KH}:\d+, field 'cue_verb,attribution_text': .*no comma after .*here cue_verb=said, attribution_text=said Robert Einhorn, a senior"),
    ("cut-off-quote-not-flagged", lambda r: replace(r, HARRIS, "    truncated: true\n", ""),
     rf"{HARRIS}:\d+, field 'truncated': the quote runs to the end of the text of yonhap-harris-no-reward.*truncated: true"),
]

VALIDATE_CASES = [
    ("csv-wrong-type", set_cell("quotes", "char_start", "twelve"),
     r"tables/quotes.csv, row 2, field 'char_start': 'twelve' is not a valid integer"),
    ("csv-changed-quote-text", set_cell("quotes", "text", "Something nobody said."),
     r"tables/quotes.csv, row 2, field 'text': text 'Something nobody said.' is not the raw text at"),
    ("csv-required-value-empty", set_cell("quotes", "text", ""),
     r"tables/quotes.csv, row 2, field 'text': required value is empty"),
    ("csv-enum-outside-vocabulary", set_cell("quotes", "quote_kind", "speech"),
     r"tables/quotes.csv, row 2, field 'quote_kind': value not in vocabulary quote_kind"),
    ("csv-dangling-reference", set_cell("affiliations", "institution_id", "no-such-institute"),
     r"tables/affiliations.csv, row 2, field 'institution_id': dangling reference"),
    ("csv-dangling-source-speaker", set_cell("sources", "speaker_institution_id", "atlantis"),
     r"tables/sources.csv, row 2, field 'speaker_institution_id': dangling reference"),
    ("csv-extra-column", lambda r: edit_csv(r, "experts", lambda rows, header: (header.append("age"), [x.append("1") for x in rows])),
     r"tables/experts.csv, row 1: columns differ from the schema \(extra: \['age'\]"),
    ("csv-deleted-row", lambda r: edit_csv(r, "quotes", lambda rows, header: rows.pop()),
     r"tables/quotes.csv, field 'hash': sha256 differs from the one recorded"),
    ("parquet-replaced", lambda r: shutil.copy(r / "tables/experts.parquet", r / "tables/institutions.parquet"),
     r"tables/institutions.parquet, field 'endofwar:sha256': sha256 differs"),
    ("parquet-truncated", lambda r: (r / "tables/quotes.parquet").write_bytes((r / "tables/quotes.parquet").read_bytes()[:100]),
     r"tables/quotes.parquet: cannot be read as Parquet.*endofwar build"),
    ("descriptor-edited", lambda r: replace(r, "datapackage.json", '"title": "Quotations and reported speech"', '"title": "Quotes!"'),
     r"datapackage.json, field 'resources': differs .*do not edit datapackage.json by hand"),
    ("descriptor-not-json", lambda r: (r / "datapackage.json").write_text("{", encoding="utf-8"),
     r"datapackage.json: not valid JSON"),
    ("csv-event-date-edited", set_cell_of("events", "event_id", "biden-administration-takes-office-2021", "date_basis", "inferred"),
     r"tables/events.csv, row \d+, field 'date_basis': the date differs from the intersection of its sources' readings: "
     r"date_basis is inferred where the readings give explicit"),
]


@pytest.fixture
def package(built, tmp_path):
    root = tmp_path / "pkg"
    shutil.copytree(built, root, symlinks=True)
    return root


def _run(root, command):
    args = [command, "--root", str(root)] + (["--no-rebuild"] if command == "validate" else [])
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize("case, damage, pattern", BUILD_CASES, ids=[c[0] for c in BUILD_CASES])
def test_bad_input_stops_the_build(package, case, damage, pattern):
    before = snapshot(package)
    damage(package)
    result = _run(package, "build")
    assert result.exit_code == 1, result.output
    assert re.search(pattern, result.output, flags=re.S), result.output
    assert snapshot(package) == before


@pytest.mark.parametrize("case, damage, pattern", VALIDATE_CASES, ids=[c[0] for c in VALIDATE_CASES])
def test_damaged_package_fails_validation(package, case, damage, pattern):
    damage(package)
    result = _run(package, "validate")
    assert result.exit_code == 1, result.output
    assert re.search(pattern, result.output, flags=re.S), result.output

