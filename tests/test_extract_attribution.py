"""Speaker attribution on real sentences of the reviewed corpus (issue 16, item 1).

Each test runs the extractor on a stored source text (raw/<source>.txt, with the registry as
gazetteer, as `endofwar draft` does) and checks one quote, cited as source@char offset of
the quote's first character. The expected speaker, kind and continuation are the reviewed
coding's (annotations/<source>.yaml), reasoned from the sentence quoted in the comment.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
import yaml

from endofwar.extraction import extract
from endofwar.paths import project_root


@lru_cache(maxsize=None)
def _records(source_id: str) -> dict:
    root = project_root()
    text = (root / "raw" / f"{source_id}.txt").read_text(encoding="utf-8")
    registry = yaml.safe_load((root / "annotations" / "registry.yaml").read_text(encoding="utf-8"))
    return extract(text, registry=registry)


@lru_cache(maxsize=None)
def _records_without(source_id: str, ids: tuple[str, ...]) -> dict:
    """Extract with a registry that lacks ``ids``: the source seen as new (leave-one-out)."""
    root = project_root()
    text = (root / "raw" / f"{source_id}.txt").read_text(encoding="utf-8")
    registry = yaml.safe_load((root / "annotations" / "registry.yaml").read_text(encoding="utf-8"))
    keys = {"experts": "expert_id", "institutions": "institution_id", "events": "event_id"}
    registry = {sec: [e for e in (registry.get(sec) or []) if e.get(key) not in ids] for sec, key in keys.items()}
    return extract(text, registry=registry)


def new_quote_at(source_id: str, start: int, without: tuple[str, ...]) -> dict:
    found = [q for q in _records_without(source_id, without)["quotes"] if q["char_start"] == start]
    assert found, f"no quote at {source_id}@{start}"
    return found[0]


def quote_at(source_id: str, start: int) -> dict:
    qs = _records(source_id)["quotes"]
    found = [q for q in qs if q["char_start"] == start]
    assert found, f"no quote at {source_id}@{start}: {[q['char_start'] for q in qs]}"
    return found[0]


# --- cue after the quote, speaker behind a title, inverted or closing the sentence ---

def test_the_sentences_closing_clause_names_the_speaker():
    # the-week-agreed-in-principle-end-korean-war@300: '… but "we are not able to sit down for a
    # discussion or negotiation on the declarations" due to North Korea's demands, South Korean
    # President Moon Jae-in said Monday during a visit to Australia.'
    q = quote_at("the-week-agreed-in-principle-end-korean-war", 300)
    assert (q["speaker"], q["quote_kind"], q["cue_verb"]) == ("Moon Jae-in", "partial", "said")
    # and the next quote of the paragraph, with no attribution, continues it:
    # '"We hope that talks will be initiated."' (@488)
    q2 = quote_at("the-week-agreed-in-principle-end-korean-war", 488)
    assert (q2["speaker"], q2["quote_kind"], q2["continues"]) == ("Moon Jae-in", "statement", 300)


def test_a_title_in_a_headline_finds_the_holder_named_later():
    # the-week-agreed-in-principle-end-korean-war@76: "North Korea, China, and U.S. have agreed
    # 'in principle' to end Korean War, South Korean president says" (Moon Jae-in is named below)
    q = quote_at("the-week-agreed-in-principle-end-korean-war", 76)
    assert (q["speaker"], q["quote_kind"]) == ("Moon Jae-in", "partial")


def test_inverted_cue_with_a_title_and_an_institution_inside_it():
    # joongang-china-supports-end-of-war-pact@439: "China fully supports South Korea’s idea …,
    # said Chinese Ambassador to Seoul Xing Haiming in a recent interview, calling it “one
    # stepping stone” …" — not China, the sentence's first name
    q = quote_at("joongang-china-supports-end-of-war-pact", 439)
    assert q["speaker"] == "Xing Haiming"


def test_a_title_alone_before_the_cue_is_the_person_named_with_it():
    # korea-net-moon-bbc-end-of-war@711: "Regarding the international economic sanctions, the
    # President said, “International economic sanctions have had a great effect …”"
    q = quote_at("korea-net-moon-bbc-end-of-war", 711)
    assert (q["speaker"], q["quote_kind"]) == ("Moon Jae-in", "statement")


def test_title_then_comma_then_name():
    # sentinel-us-nk-may-agree-end-war-vietnam@227: "“I believe the possibility is open. … at any
    # degree,” presidential office spokesman, Kim Eui-kyeom said."
    q = quote_at("sentinel-us-nk-may-agree-end-war-vietnam", 227)
    assert (q["speaker"], q["quote_kind"]) == ("Kim Eui-kyeom", "statement")


# --- reported speech: which cue, which subject ---

def test_an_infinitive_is_not_the_speech_act():
    # joongang-kim-yo-jong-admirable-idea@544: "Kim Yo-jong, …, said Friday that President Moon
    # Jae-in's proposal at the United Nations to declare a formal end to the 1950-53 Korean War
    # was an "admirable idea"" — "to declare" is no cue, so Moon is not the speaker
    q = quote_at("joongang-kim-yo-jong-admirable-idea", 544)
    assert (q["speaker"], q["quote_kind"]) == ("Kim Yo-jong", "partial")


def test_the_two_koreas_earlier_in_the_sentence_do_not_make_the_speaker_joint():
    # hankyoreh-kwon-anything-but-moon@1294: "Regarding the declarations signed between the two
    # Koreas …, Kwon said he “evaluated them positively,” adding that “the new administration will
    # preserve their broad framework.”"
    q = quote_at("hankyoreh-kwon-anything-but-moon", 1294)
    assert (q["speaker"], q["quote_kind"]) == ("Kwon Young-se", "partial")


def test_a_lower_case_sentence_after_that_is_a_statement():
    # hankyoreh-kwon-anything-but-moon@1335: "… adding that “the new administration will preserve
    # their broad framework.”" — subject, finite verb, full stop: a complete sentence
    q = quote_at("hankyoreh-kwon-anything-but-moon", 1335)
    assert (q["speaker"], q["quote_kind"]) == ("Kwon Young-se", "statement")


def test_a_speech_act_verb_reports_a_partial():
    # republic-world-kim-jong-un-us-threat-unchanged@124: "North Korean leader Kim Jong Un on
    # Wednesday, 29 September, slammed the United States for maintaining its "hostile policy""
    q = quote_at("republic-world-kim-jong-un-us-threat-unchanged", 124)
    assert (q["speaker"], q["quote_kind"]) == ("Kim Jong-un", "partial")


def test_nested_reported_speech_gives_the_inner_subject():
    # republic-world-kim-jong-un-us-threat-unchanged@665: "Kim noted that the US is touting
    # “diplomatic engagement”" — the US touts the words
    q = quote_at("republic-world-kim-jong-un-us-threat-unchanged", 665)
    assert q["speaker"] == "United States"




def test_what_it_calls_marks_a_term_of_the_one_who_calls_it_so():
    # the-week-agreed-in-principle-end-korean-war@586: "Pyongyang wants the U.S. to drop what it
    # calls America's "hostile policy" toward it, Moon confirmed."
    q = quote_at("the-week-agreed-in-principle-end-korean-war", 586)
    assert (q["speaker"], q["quote_kind"]) == ("North Korea", "term")


def test_a_partial_after_a_split_sentence_is_not_its_second_half():
    # investing-reuters-eyre-slippery-slope@1331: "While saying that … a process "moving forward
    # towards a lasting peace" on the Korean peninsula, Eyre said the North Koreans were "experts
    # at separating allies."" — words of the writer stand between cue and quote
    q = quote_at("investing-reuters-eyre-slippery-slope", 1331)
    assert (q["speaker"], q["quote_kind"], q["continues"]) == ("Wayne Eyre", "partial", None)


# --- surnames and pronouns ---

def test_a_bare_surname_is_the_articles_person_of_that_family_name():
    # republic-world-kim-jong-un-us-threat-unchanged@784: "However, he added that the US efforts
    # are no more than a “petty trick …”" after "Kim noted that …"; "Kim" is Kim Jong Un (named in
    # the lead), not another Kim the registry knows
    q = quote_at("republic-world-kim-jong-un-us-threat-unchanged", 784)
    assert q["speaker"] == "Kim Jong-un"


def test_a_pronoun_skips_a_possessor():
    # donga-nk-end-of-war-declaration-new-york@1467: "“The perception that sanctions can bring us
    # to our knees is a pipe dream …,” he also said." after "… ahead of U.S. Secretary of State
    # Mike Pompeo’s visit to North Korea" — Pompeo is only a possessor; "he" is Ri
    q = quote_at("donga-nk-end-of-war-declaration-new-york", 1467)
    assert q["speaker_id"] == "ri-yong-ho"


def test_a_pronoun_goes_to_the_subject_not_to_the_interviewer():
    # korea-net-moon-bbc-end-of-war@1101: "When asked by the journalist how the President would
    # provide support …, he replied, “We are preparing in advance …”" — the subject of the
    # earlier sentences is Moon; BBC's Laura Bicker only appears after "with"
    q = quote_at("korea-net-moon-bbc-end-of-war", 1101)
    assert q["speaker"] == "Moon Jae-in"


def test_a_pronoun_finds_a_speaker_named_after_an_inverted_cue():
    # the-week-agreed-in-principle-end-korean-war@1444: 'Formally ending the war is Moon's "last
    # hope," she adds' after '… writes BBC Seoul correspondent Laura Bicker.'
    q = quote_at("the-week-agreed-in-principle-end-korean-war", 1444)
    assert q["speaker"] == "Laura Bicker"


def test_a_sentence_initial_possessor_is_the_antecedent():
    # nk-news-expert-roundup-yoon-win@591: "On the campaign trail, Yoon’s tougher line toward
    # Pyongyang drew international attention. He framed North Korea as the “main enemy” of the South"
    q = quote_at("nk-news-expert-roundup-yoon-win", 591)
    assert (q["speaker"], q["quote_kind"]) == ("Yoon Seok-youl", "partial")


# --- continuations, anonymous officials ---

def test_a_quote_paragraph_with_its_own_attribution_starts_a_new_chain():
    # the-week-agreed-in-principle-end-korean-war@1019: the State Department's quote runs on
    # (no closing mark) into the next paragraph, which has its own attribution:
    # '"The end-of-war declaration itself is not an ultimate goal," Moon said, …'
    q = quote_at("the-week-agreed-in-principle-end-korean-war", 1019)
    assert (q["speaker"], q["continues"], q["cue_verb"]) == ("Moon Jae-in", None, "said")


@pytest.mark.parametrize("start", [411, 1166, 1868])
def test_an_anonymous_official_speaks_for_the_institution_named(start):
    # yonhap-moon-end-war-offer-jump-start-peace@411: '… as they prepare for the future "with
    # patience," a Cheong Wa Dae official told reporters …'; @1166 '… "second or minute hand on
    # the clock" for peace moving, according to the official who spoke on the customary condition
    # of anonymity.'; @1868 '…, the official said it's "hard to confirm" in public …'
    q = quote_at("yonhap-moon-end-war-offer-jump-start-peace", start)
    assert (q["speaker"], q["speaker_kind"], q["quote_kind"]) == ("Cheong Wa Dae", "institution", "partial")


def test_a_participle_cue_takes_the_main_clauses_subject():
    # donga-nk-end-of-war-declaration-new-york@307: "North Korea’s Foreign Minister Ri Yong Ho
    # demanded that Washington officially declare the end of the war …, saying that “Without any
    # trust in the U.S., there will be no confidence …”" — Ri says it, not Washington
    q = quote_at("donga-nk-end-of-war-declaration-new-york", 307)
    assert (q["speaker_id"], q["quote_kind"]) == ("ri-yong-ho", "statement")


def test_a_nested_quote_keeps_a_subject_written_with_abbreviation_dots():
    # donga-nk-end-of-war-declaration-new-york@1039: "“The U.S. insists on ‘denuclearization
    # first’ and …,” said Ri." — the sentence inside the quote starts at "The U.S.", not after it
    q = quote_at("donga-nk-end-of-war-declaration-new-york", 1039)
    assert (q["speaker"], q["quote_kind"]) == ("United States", "term")


def test_a_possessor_before_the_subject_is_not_the_speaker():
    # joongang-kim-yo-jong-admirable-idea@1262: "Referring to Moon's address to the UN General
    # Assembly, Kim, the vice department director …, noted the "necessity and significance" of
    # such a declaration"
    q = quote_at("joongang-kim-yo-jong-admirable-idea", 1262)
    # the clause's subject is "Kim, the vice department director …", not the possessor "Moon's"
    # (which Kim the lone surname names is the entity step's call, see test_extract_entities)
    assert q["attribution_text"].startswith("Kim, the vice department director") and q["cue_verb"] == "noted"


def test_called_for_is_a_speech_act():
    # korea-on-point-end-of-war-possibility@1209: "President Moon Jae-in called for an “end of war
    # declaration” during his UN General Assembly speech"
    q = quote_at("korea-on-point-end-of-war-possibility", 1209)
    assert q["speaker"] == "Moon Jae-in"


def test_a_subject_right_before_the_quote_owns_its_predicate():
    # usembassy-jmh-japan-wary-declaration@1907: "…, but the Japanese government “definitely has no
    # desi" (the excerpt ends inside the quote)
    q = quote_at("usembassy-jmh-japan-wary-declaration", 1907)
    assert (q["speaker"], q["quote_kind"]) == ("Japan", "partial")


def test_a_quote_cut_off_where_the_excerpt_ends():
    # donga-nk-end-of-war-declaration-new-york@1928: the text ends "An official at the U.S. State
    # Department said in an interview with The Dong-A Ilbo that “Pr": the quote runs to the end
    text = (project_root() / "raw" / "donga-nk-end-of-war-declaration-new-york.txt").read_text(encoding="utf-8")
    q = quote_at("donga-nk-end-of-war-declaration-new-york", 1928)
    assert q["char_end"] == len(text.rstrip()) and q["text"] == "Pr"
    assert q["quote_kind"] == "statement" and q["speaker_kind"] == "institution"


def test_a_quote_paragraph_after_reported_speech_is_that_speakers():
    # washington-examiner-moon-end-war-completely-for-good@1854: "On Tuesday, Moon said that he
    # hoped a declaration … would help move forward diplomatic initiatives in the region.\n\n“The
    # end-of-war declaration will, indeed, open the door …"
    q = quote_at("washington-examiner-moon-end-war-completely-for-good", 1854)
    assert (q["speaker"], q["quote_kind"]) == ("Moon Jae-in", "statement")


def test_a_quote_sentence_after_reported_speech_continues_the_speakers_last_quote():
    # hankyoreh-analysis-moon-unga-end-of-war@1672: "That was when Moon proposed that North Korea
    # help establish a Northeast Asia cooperative initiative …. “A cooperative initiative in which
    # North Korea would join …" — Moon's, continuing his quote at @1377 (no other speaker between)
    q = quote_at("hankyoreh-analysis-moon-unga-end-of-war", 1672)
    assert (q["speaker"], q["quote_kind"], q["continues"]) == ("Moon Jae-in", "statement", 1377)


def test_a_gerund_after_to_is_a_speech_act_and_its_subject_speaks():
    # nk-news-trump-summit-declare-end-war@508: "North Korea insists that a peace declaration must
    # precede disarmament steps, but in October U.S. negotiators reverted to framing the end of the
    # war as an “end state”" — "to framing" is no infinitive; the U.S. frames it
    q = quote_at("nk-news-trump-summit-declare-end-war", 508)
    assert q["speaker"] == "United States"


def test_two_titled_people_as_subject_are_joint():
    # keia-end-of-war-declaration-opportunities-pitfalls@261: "President Donald Trump and Chairman
    # Kim Jong-un vowed to “establish new U.S.–DPRK relations …”" — two issuers, no single speaker
    q = quote_at("keia-end-of-war-declaration-opportunities-pitfalls", 261)
    assert (q["speaker"], q["quote_kind"]) == (None, "document")


def test_they_as_subject_is_no_single_speaker():
    # cgtn-america-panmunjom-declaration-end-war@1376: "The two sides agreed in the declaration to
    # cease all hostile acts on land, air and sea. They also agreed to turn the Demilitarized Zone
    # (DMZ) into a “genuine” peace zone."
    q = quote_at("cgtn-america-panmunjom-declaration-end-war", 1376)
    assert q["speaker"] is None


def test_called_it_is_a_speech_act_of_the_institution_named():
    # one-korea-network-moon-end-of-war-harsh-reception@245: "President Moon Jae-in’s demand for a
    # formal end to the Korean War was met with huge backlash …, including from senior officials
    # in Pyongyang who called it “premature.”" — not Moon, the possessor of "demand"
    q = quote_at("one-korea-network-moon-end-of-war-harsh-reception", 245)
    assert (q["speaker"], q["quote_kind"]) == ("North Korea", "partial")


def test_a_partial_in_reported_speech_keeps_the_reporting_cue():
    # joongang-kim-yo-jong-admirable-idea@1710: 'Kim added that Pyongyang has "willingness … not
    # hostile toward us," accusing Seoul of …': the reviewed coding (q07) gives the quote to Kim
    # with the attribution "Kim added", the cue "added" (the attribution ends at its cue)
    q = quote_at("joongang-kim-yo-jong-admirable-idea", 1710)
    assert (q["attribution_text"], q["cue_verb"], q["quote_kind"]) == ("Kim added", "added", "partial")


def test_the_joint_wording_of_two_parties_is_a_document():
    # cgtn-america-panmunjom-declaration-end-war@778: "The two leaders declared that “there will be
    # no more war on the Korean Peninsula and thus a new era of peace has begun.”"
    q = quote_at("cgtn-america-panmunjom-declaration-end-war", 778)
    assert (q["speaker"], q["quote_kind"]) == (None, "document")


def test_a_title_case_quote_paragraph_is_a_subheading_not_a_continuation():
    # huffpost-progressive-democrats-end-korean-war@1525: after Khanna's quotes, the paragraph
    # '“The Possibility Is There” ' alone: a subheading, nobody's words
    q = quote_at("huffpost-progressive-democrats-end-korean-war", 1525)
    assert (q["speaker"], q["quote_kind"], q["continues"]) == (None, "term", None)
