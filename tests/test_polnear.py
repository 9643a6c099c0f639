"""The PolNeAR benchmark's reader and metrics (extraction/polnear.py), on tiny brat files written
here: no PolNeAR text is needed, or copied.

The article below is written for the test. Its gold attributions are given as brat standoff (T
lines for Source, Cue and Content spans, E lines tying them), and the system's output is a record
written by hand, so the expected scores follow from the two by counting, not from the extractor.
"""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from endofwar.cli import main
from endofwar.extraction.polnear import Attribution, PolnearError, evaluate_polnear, format_polnear, read_ann, \
    read_split, score_article
from endofwar.extraction.polnear import Article
from endofwar.paths import project_root

# One paragraph per line; offsets below are counted by hand and checked by `span`.
TEXT = ("“We will win Ohio,” said Jane Roe.\n\n"                                  # 0..34
        "“Then the country.”\n\n"                                                  # 36..55
        "Jane Roe said the campaign would open ten offices.\n\n"                   # 57..107
        "The governor, she added, would campaign there in May.\n\n"                # 109..162
        "“Nothing is settled,” a rival said.\n\n"                                  # 164..199
        "“Vote early.”\n")                                                          # 201..214


def span(s: int, e: int, expect: str) -> tuple[int, int]:
    assert TEXT[s:e] == expect, (TEXT[s:e], expect)
    return s, e


# gold attributions: (source pieces, cue pieces, content pieces)
JANE_1 = span(25, 33, "Jane Roe")
GOLD = {
    # direct: the contents open with a quotation mark
    "A1": ([JANE_1], [span(20, 24, "said")], [span(0, 19, "“We will win Ohio,”")]),
    "A2": ([JANE_1], [], [span(36, 55, "“Then the country.”")]),  # the quotation continued, no cue of its own
    "A5": ([span(186, 193, "a rival")], [span(194, 198, "said")], [span(164, 185, "“Nothing is settled,”")]),
    "A6": ([], [], [span(201, 214, "“Vote early.”")]),  # nobody named
    # reported speech; A4's content is broken by its attribution
    "A3": ([span(57, 65, "Jane Roe")], [span(66, 70, "said")],
           [span(71, 106, "the campaign would open ten offices")]),
    "A4": ([span(123, 126, "she")], [span(127, 132, "added")],
           [span(109, 121, "The governor"), span(134, 161, "would campaign there in May")]),
}


def ann(gold: dict = GOLD) -> str:
    """The brat standoff of ``gold``: a T line per span, an E line per attribution."""
    lines, n = [], 0
    for k, (source, cue, content) in enumerate(gold.values(), 1):
        roles = []
        for label, pieces in (("Source", source), ("Cue", cue), ("Content", content)):
            if pieces:
                n += 1
                where = ";".join(f"{s} {e}" for s, e in pieces)
                lines.append(f"T{n}\t{label} {where}\t{' '.join(TEXT[s:e] for s, e in pieces)}")
                roles.append(f"{label}:T{n}")
        lines.append(f"E{k}\tAttribution:T{n} " + " ".join(roles))
    return "\n".join(lines) + "\n"


def quote(s: int, e: int, kind: str, speaker: str | None = None, attribution: tuple[int, int] | None = None,
          continues: int | None = None) -> dict:
    """A quote of an extraction record (the fields score_article reads)."""
    return {"text": TEXT[s:e], "char_start": s, "char_end": e, "quote_kind": kind, "speaker": speaker,
            "attribution_start": attribution[0] if attribution else None,
            "attribution_end": attribution[1] if attribution else None,
            "attribution_text": TEXT[attribution[0]:attribution[1]] if attribution else None, "continues": continues}


def record(**changes) -> dict:
    """The system's output for TEXT; ``changes`` replace a quote by its key."""
    quotes = {
        "q1": quote(1, 18, "statement", "Jane Roe", (20, 33)),           # said Jane Roe
        "q2": quote(37, 54, "statement", None, None, continues=1),       # continues q1, nobody named
        "q5": quote(165, 184, "statement", "Jane Roe"),                  # the wrong speaker
        "q6": quote(202, 213, "statement"),                              # gold names nobody
        "q7": quote(57, 65, "partial", "Jane Roe"),                      # outside every gold content
        "q8": quote(75, 83, "term"),                                     # a term: no speech, not scored
        "r1": quote(71, 106, "indirect", "Jane Roe", (57, 70)),          # Jane Roe said
        "r2a": quote(109, 121, "indirect", "Jane Roe", (123, 132)),      # she added
        "r2b": quote(134, 161, "indirect", "Jane Roe", (123, 132), continues=109),
        "r3": quote(186, 193, "indirect"),                               # no gold reported speech there
    }
    quotes.update(changes)
    return {"quotes": [q for q in quotes.values() if q is not None],
            "persons": [{"name": "Jane Roe", "mentions": [{"text": "Jane Roe"}, {"text": "Roe"}]}],
            "institutions": []}


def article(gold: dict = GOLD) -> Article:
    atts = [Attribution(list(s), list(c), list(t)) for s, c, t in gold.values()]
    return Article("pubx_2016-01-01_roe", "pubx", "aa", TEXT, atts)


# --- read_ann ----------------------------------------------------------------------------------

def test_read_ann_reads_spans_events_discontinuous_pieces_and_skips_the_rest(tmp_path):
    path = tmp_path / "a_aa.ann"
    path.write_text(
        "T1\tSource 57 65\tJane Roe\n"
        "T2\tCue 66 70\tsaid\n"
        "T3\tContent 134 161;109 121\twould campaign there in May The governor\n"   # pieces out of order
        "#1\tAnnotatorNotes T3\ta comment, not an annotation\n"
        "T4\tAttribution 66 70\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tContent 0 55\t“We will win Ohio,” said Jane Roe.\n"                      # text over two lines:
        "\n"                                                                          # its next lines are
        "“Then the country.”\n"                                                       # no T or E lines
        "E2\tAttribution:T9 Content:T5\n"          # T9 is not defined: that role is left out
        "E3\tAttribution:T4 Source:T1\n",          # no Content: no attribution
        encoding="utf-8")
    assert read_ann(path) == [
        Attribution(source=[(57, 65)], cue=[(66, 70)], content=[(109, 121), (134, 161)]),
        Attribution(source=[], cue=[], content=[(0, 55)]),
    ]
    assert read_ann(path)[0].outer == (109, 161)


def test_a_line_that_is_not_brat_names_the_file_and_line(tmp_path):
    path = tmp_path / "a_aa.ann"
    path.write_text("T1\tSource 57 65\tJane Roe\nT2\tCue sixty-six 70\tsaid\n", encoding="utf-8")
    with pytest.raises(PolnearError) as error:
        read_ann(path)
    assert f"{path}:2" in str(error.value) and "not a brat span or event line" in str(error.value)


# --- read_split ---------------------------------------------------------------------------------

def write_split(root, split: str, articles: dict[str, dict[str, str]], texts: dict[str, str]) -> None:
    """``articles``: name -> {annotator: .ann text}; ``texts``: name -> text."""
    (root / split / "text").mkdir(parents=True)
    (root / split / "attributions").mkdir(parents=True)
    for name, text in texts.items():
        (root / split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for name, by in articles.items():
        for annotator, body in by.items():
            (root / split / "attributions" / f"{name}_{annotator}.ann").write_text(body, encoding="utf-8")


def test_read_split_takes_one_annotator_per_article_the_first_in_sorted_order(tmp_path):
    one = "T1\tContent 0 19\t“We will win Ohio,”\nE1\tAttribution:T1 Content:T1\n"
    two = one + "T2\tContent 201 214\t“Vote early.”\nE2\tAttribution:T2 Content:T2\n"
    write_split(tmp_path, "train",
                {"pubx_2016-01-02_b": {"zz99": one, "4e07": two},   # "4e07" sorts before "zz99"
                 "puby_2016-01-01_a": {"d473": one}},
                {"pubx_2016-01-02_b": TEXT, "puby_2016-01-01_a": TEXT})
    (tmp_path / "metadata.tsv").write_text("filename\tpublisher\npubx_2016-01-02_b\tPub X\n", encoding="utf-8")
    arts = read_split(tmp_path, "train")
    assert [(a.name, a.annotator, len(a.attributions)) for a in arts] == [
        ("pubx_2016-01-02_b", "4e07", 2), ("puby_2016-01-01_a", "d473", 1)]
    # the publisher from metadata.tsv, else the name's first part
    assert [a.publisher for a in arts] == ["Pub X", "puby"]
    assert arts[0].text == TEXT


def test_an_annotated_article_without_its_text_is_named(tmp_path):
    write_split(tmp_path, "dev", {"pubx_2016-01-02_b": {"aa": ""}}, {})
    with pytest.raises(PolnearError) as error:
        read_split(tmp_path, "dev")
    assert str(tmp_path / "dev" / "text" / "pubx_2016-01-02_b.txt") in str(error.value)


def test_the_test_split_is_refused_before_anything_is_read(tmp_path):
    write_split(tmp_path, "test", {"pubx_2016-01-02_b": {"aa": ann()}}, {"pubx_2016-01-02_b": TEXT})
    seen = []
    with pytest.raises(PolnearError) as error:
        evaluate_polnear(tmp_path, "test", extractor=lambda text: seen.append(text) or record())
    assert "withheld" in str(error.value) and seen == []


# --- score_article: direct quotations -----------------------------------------------------------

def test_direct_quotations_recall_precision_and_speaker():
    errors: list[dict] = []
    s = score_article(article(), record(), errors).scores()["direct"]
    # gold direct: A1, A2, A5, A6, each holding a system quote (q1, q2, q5, q6): recall 4/4
    assert (s["matched_gold"], s["gold"], s["recall"]) == (4, 4, 1.0)
    # system quotations that are speech (statement, partial; not the term q8): q1, q2, q5, q6 inside a
    # gold content, q7 outside: precision 4/5
    assert (s["matched_pred"], s["pred"], s["precision"]) == (4, 5, 0.8)
    # speaker, on the found ones with a gold Source (A1, A2, A5): A1 by the attribution's overlap with
    # "Jane Roe"; A2 through q1, which q2 continues; A5 wrong ("Jane Roe" is no name in "a rival")
    assert s["speaker"] == {"correct": 2, "n": 3, "accuracy": round(2 / 3, 4)}
    kinds = sorted((e["error"], e["at"]) for e in errors)
    assert kinds == [("spurious quotation", 57), ("spurious reported speech", 186), ("wrong speaker", 164)]


def test_a_continued_quotation_is_credited_only_through_the_quotation_it_continues():
    s = score_article(article(), record(q2=quote(37, 54, "statement"))).scores()["direct"]
    assert s["speaker"]["correct"] == 1  # q2 alone names nobody: A2 is now wrong


def test_a_speaker_name_inside_the_gold_source_is_right_without_an_attribution():
    s = score_article(article(), record(q1=quote(1, 18, "statement", "Jane Roe"))).scores()["direct"]
    assert s["speaker"]["correct"] == 2  # "Jane Roe" is written in A1's Source


def test_a_quotation_the_system_misses_is_counted_and_listed():
    errors: list[dict] = []
    s = score_article(article(), record(q6=None), errors).scores()["direct"]
    assert (s["matched_gold"], s["gold"]) == (3, 4)
    assert ("missed quotation", 201) in [(e["error"], e["at"]) for e in errors]


# --- score_article: reported speech -------------------------------------------------------------

def test_reported_speech_exact_overlap_and_source():
    s = score_article(article(), record()).scores()["reported"]
    # system contents: r1, the chain r2a+r2b (one content, 109..161, A4's outer bounds), r3; gold: A3, A4.
    # exact: r1 = A3 and the chain = A4; r3 matches nothing
    assert {k: s["exact"][k] for k in ("matched_pred", "pred", "matched_gold", "gold")} == {
        "matched_pred": 2, "pred": 3, "matched_gold": 2, "gold": 2}
    assert (s["exact"]["precision"], s["exact"]["recall"], s["exact"]["f1"]) == (0.6667, 1.0, 0.8)
    # characters: gold 35 (A3) + 12 + 27 (A4's two pieces) = 74; system 35 + 12 + 27 + 7 ("a rival") = 81;
    # all 74 gold characters are covered: precision 74/81, recall 1, F1 148/155
    assert (s["overlap"]["pred"], s["overlap"]["gold"], s["overlap"]["matched_gold"]) == (81, 74, 74)
    assert (s["overlap"]["precision"], s["overlap"]["recall"], s["overlap"]["f1"]) == (
        round(74 / 81, 4), 1.0, round(148 / 155, 4))
    # source: A3 by r1's attribution "Jane Roe said"; A4 by r2b, whose chain starts at r2a, "she added"
    assert s["source"] == {"correct": 2, "n": 2, "accuracy": 1.0}


def test_a_broken_content_scores_as_one_only_when_its_parts_are_chained():
    r2b = quote(134, 161, "indirect", "Jane Roe", (123, 132))  # no longer continuing r2a
    s = score_article(article(), record(r2b=r2b)).scores()["reported"]
    assert (s["exact"]["matched_gold"], s["exact"]["pred"]) == (1, 4)   # A4 unmatched; 4 contents
    assert s["overlap"]["matched_gold"] == 74                           # the characters are the same


def test_a_reported_content_with_words_the_gold_leaves_out_is_no_exact_match():
    errors: list[dict] = []
    r1 = quote(66, 106, "indirect", "Jane Roe", (57, 70))  # "said the campaign …": the cue too
    s = score_article(article(), record(r1=r1), errors).scores()["reported"]
    assert s["exact"]["matched_gold"] == 1 and s["overlap"]["pred"] == 81 + 5
    assert ("reported speech span", 71) in [(e["error"], e["at"]) for e in errors]


def test_spaces_and_punctuation_at_the_ends_do_not_spoil_an_exact_match():
    r1 = quote(70, 107, "indirect", "Jane Roe", (57, 70))  # " the campaign … ten offices." with both
    assert score_article(article(), record(r1=r1)).scores()["reported"]["exact"]["matched_gold"] == 2


# --- the whole split and the report -------------------------------------------------------------

def test_evaluate_polnear_totals_and_publishers(tmp_path):
    write_split(tmp_path, "dev", {"pubx_2016-01-01_roe": {"aa": ann()}, "puby_2016-01-02_roe": {"bb": ann()}},
                {"pubx_2016-01-01_roe": TEXT, "puby_2016-01-02_roe": TEXT})
    report = evaluate_polnear(tmp_path, "dev", extractor=lambda text: record())
    assert report["articles"] == 2 and sorted(report["by_publisher"]) == ["pubx", "puby"]
    assert report["total"]["direct"]["gold"] == 8 and report["total"]["direct"]["matched_pred"] == 8
    assert report["by_publisher"]["pubx"]["direct"]["speaker"]["correct"] == 2
    out = format_polnear(report)
    assert "| direct quotations: recall | 1.00 (8/8) | 1.00 (4/4) | 1.00 (4/4) |" in out
    assert "| direct quotations: speaker | 0.67 (4/6) |" in out
    assert "Misses (6) (listed with --errors)" in out
    assert "- pubx_2016-01-01_roe@164 wrong speaker" in format_polnear(report, errors=True)


@pytest.fixture
def dataset(tmp_path):
    """A published dataset to run the command in (evaluate reads under the dataset's lock)."""
    root = tmp_path / "dataset"
    shutil.copytree(project_root() / "schemas", root / "schemas")
    shutil.copy(project_root() / "datapackage.json", root / "datapackage.json")
    return root


def test_a_folder_that_is_not_polnear_is_one_error_line(dataset, tmp_path):
    folder = tmp_path / "PolNeAR"  # the repository's root, not its data/ folder
    (folder / "data" / "dev" / "text").mkdir(parents=True)
    result = CliRunner().invoke(main, ["evaluate", "--polnear", str(folder), "--root", str(dataset)])
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"error: {folder / 'dev'}: has no text/ and attributions/ folders")
    assert "PolNeAR/data" in result.output


def test_the_command_refuses_the_test_split(dataset, tmp_path):
    result = CliRunner().invoke(main, ["evaluate", "--polnear", str(tmp_path), "--split", "test",
                                       "--root", str(dataset)])
    assert result.exit_code != 0 and "'test' is not one of 'train', 'dev'" in result.output


def test_the_command_prints_the_report(dataset, tmp_path):
    data = tmp_path / "data"
    write_split(data, "train", {"pubx_2016-01-01_roe": {"aa": ann()}}, {"pubx_2016-01-01_roe": TEXT})
    result = CliRunner().invoke(main, ["evaluate", "--polnear", str(data), "--split", "train", "--root", str(dataset)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("PolNeAR train: the extractor against the annotators' attributions")
    assert "| measure | total (1 articles) | pubx |" in result.output
