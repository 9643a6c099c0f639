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


def test_according_to_an_agency_is_the_channel_not_the_speaker():
    # republic-world-kim-jong-un-us-threat-unchanged@553: "He said that under the Joe Biden
    # administration, the US military threat … have become more "cunning", according to the
    # Yonhap news agency."
    q = quote_at("republic-world-kim-jong-un-us-threat-unchanged", 553)
    assert q["speaker"] == "Kim Jong-un"


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


def test_a_participle_after_a_closing_quote_takes_the_main_subject():
    # joongang-kim-yo-jong-admirable-idea@1710: 'Kim added that Pyongyang has "willingness … not
    # hostile toward us," accusing Seoul of "double-dealing stan' (the excerpt ends there)
    q = quote_at("joongang-kim-yo-jong-admirable-idea", 1710)
    assert q["attribution_text"].startswith("Kim added that") and q["cue_verb"] == "accusing"
    assert q["quote_kind"] == "partial"


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


# --- a lone family name shared by two people named in the text ---

@pytest.mark.parametrize("start", [1262, 1710])
def test_a_lone_family_name_is_the_subject_not_the_relative_in_her_description(start):
    # joongang-kim-yo-jong-admirable-idea@1262 and @1710: after 'Kim Yo-jong, the influential
    # sister of North Korean leader Kim Jong-un, said Friday …', the paragraphs read 'Kim, the vice
    # department director …, noted the "necessity and significance" …' and 'Kim added that … accusing
    # Seoul of "double-dealing stan…': the lone "Kim" continues the sentence's subject, Kim Yo-jong,
    # not her brother named inside her description.
    assert quote_at("joongang-kim-yo-jong-admirable-idea", start)["speaker_id"] == "kim-yo-jong"


@pytest.mark.parametrize("start", [1448, 1688])
def test_a_full_name_inside_a_quotation_does_not_take_over_a_lone_family_name(start):
    # rep-young-kim-oppose-end-of-war-declaration@1448 and @1688: '“Maintaining peace requires …
    # Kim Jong-un has proven time and time again to be an unreliable negotiator …,” said
    # Congresswoman Kim.' The Kim named inside the quotation is not the speaker; "Congresswoman Kim"
    # is Young Kim, the representative the release opens with.
    assert quote_at("rep-young-kim-oppose-end-of-war-declaration", start)["speaker_id"] == "young-kim"
    # and when the registry does not know her yet (the source seen as new)
    q = new_quote_at("rep-young-kim-oppose-end-of-war-declaration", start, ("young-kim",))
    assert q["speaker"] == "Young Kim"


@pytest.mark.parametrize("start", [493, 587])
def test_the_north_as_a_subject_is_north_korea_not_a_possessor_before_it(start):
    # korea-herald-nk-fm-declare-end-war@493 and @587: 'In an essay posted on the ministry’s
    # official website, the North highlighted what it called its regime’s efforts … to build a
    # “lasting and stable peace regime” …, while accusing the US of turning a “blind eye” every
    # time.' The subject of "highlighted" is "the North", North Korea; "the ministry’s" only
    # possesses the website.
    q = quote_at("korea-herald-nk-fm-declare-end-war", start)
    assert (q["speaker"], q["speaker_kind"], q["quote_kind"]) == ("North Korea", "institution", "partial")


# --- a writing speaks with its author's voice ---

def test_a_quote_read_from_an_essay_is_its_authors():
    # korea-herald-nk-fm-declare-end-war@975: '“Establishing a peace regime on the Korean
    # Peninsula is a historical task which brooks no further delay,” read the essay, which is
    # written in English and titled “…” It was submitted by Kim Yong-guk, director general of the
    # Institute for Disarmament and Peace …': the essay's words are its author's, a full sentence.
    q = quote_at("korea-herald-nk-fm-declare-end-war", 975)
    assert (q["speaker_id"], q["quote_kind"]) == ("kim-yong-guk", "statement")


@pytest.mark.parametrize("start", [1465, 1500])
def test_the_essay_as_a_subject_is_its_author(start):
    # korea-herald-nk-fm-declare-end-war@1465 and @1500: 'The essay alluded to the current
    # stalemate in denuclearization talks between Washington and Pyongyang, urging the US to
    # “respond positively” to its recent “confidence-building” measures …': the subject is the
    # essay, so its author (named in the paragraph before) speaks; Washington and Pyongyang are
    # only what the essay talks about.
    q = quote_at("korea-herald-nk-fm-declare-end-war", start)
    assert (q["speaker_id"], q["quote_kind"]) == ("kim-yong-guk", "partial")


def test_a_title_continues_nobodys_quote():
    # korea-herald-nk-fm-declare-end-war@1136: '… read the essay, which is written in English and
    # titled “Building a Peace Regime on the Korean Peninsula -- An Urgent Demand of the Times.”':
    # the essay's title is nobody's speech and continues no quote.
    q = quote_at("korea-herald-nk-fm-declare-end-war", 1136)
    assert q["quote_kind"] == "title" and q["speaker_id"] is None and q["continues"] is None


@pytest.mark.parametrize("start", [802, 885])
def test_a_qualified_head_of_state_title_is_that_states_leader_named_in_the_text(start):
    # telegraph-korean-peace-hopes-singapore@802 and its next paragraph @885: 'Mr Trump said he has
    # discussed … The US president said: “We talked about ending the war…' The text never writes
    # "President" before Trump's name, but "the US president" can only be the US head of state
    # it names, Trump (not Moon, "the South Korean president", nor the United States itself).
    q = quote_at("telegraph-korean-peace-hopes-singapore", start)
    assert (q["speaker_id"], q["quote_kind"]) == ("donald-trump", "statement")


@pytest.mark.parametrize("start", [473, 506])
def test_a_title_with_its_complement_stands_for_the_articles_only_named_person(start):
    # hankyoreh-kwon-anything-but-moon@473 and @506: 'The nominee to become South Korea’s next
    # unification minister stated that South Korea’s North Korea policy “is like a relay race,” and
    # that “it’s undesirable …”' No one is written with the title "nominee", and the text names one
    # person outside quotations, Kwon Young-se: the nominee is he, not South Korea (a possessor).
    q = quote_at("hankyoreh-kwon-anything-but-moon", start)
    assert q["speaker_id"] == "kwon-young-se"


def test_a_titled_family_name_is_the_one_written_with_that_title():
    # huffpost-progressive-democrats-end-korean-war@689: 'Reps. Ro Khanna (D-Calif.), Barbara Lee
    # (D-Calif.) and Andy Kim (D-N.J.) introduced the non-binding resolution … where Trump and Kim
    # Jong-Un could announce …' then '“This was our effort …,” Rep. Kim, a former diplomat …, said.'
    # "Rep. Kim" is the representative Andy Kim, even with Kim Jong-Un named last and known to the
    # registry while Andy Kim is not (the source seen as new).
    q = new_quote_at("huffpost-progressive-democrats-end-korean-war", 689, ("andy-kim",))
    assert (q["speaker"], q["quote_kind"]) == ("Andy Kim", "statement")


@pytest.mark.parametrize("start", [941, 994, 1042])
def test_a_relative_clauses_pronoun_is_the_person_just_named(start):
    # hankyoreh-column-nk-preconditions@941, @994, @1042: '… explained in a Sept. 25 press
    # statement by Workers’ Party of Korea Central Committee Deputy Director Kim Yo-jong, in which
    # she explained that “the DPRK's actions of self-defensive dimension” are “dismissed as
    # threatening ‘provocations,” while “[South Korea’s] arms buildup are described as …”': "in
    # which she" is Kim Yo-jong, just named, not Moon Jae-in, the subject two paragraphs before.
    assert quote_at("hankyoreh-column-nk-preconditions", start)["speaker_id"] == "kim-yo-jong"


@pytest.mark.parametrize("without", [(), ("wayne-eyre",)])
def test_a_leads_title_is_the_person_the_next_paragraph_opens_with(without):
    # investing-reuters-eyre-slippery-slope@312: 'A declaration to end the 1950-53 Korea War could be
    # a "slippery slope" to questioning …, the deputy head of the U.N. Command overseeing the Korean
    # armistice said on Friday, …' and the next paragraph opens 'Canadian Lieutenant-General Wayne
    # Eyre said …': the lead's title is Eyre, whom the text never writes as "head"; the words are
    # his partial quote (whether the registry knows him or not).
    q = new_quote_at("investing-reuters-eyre-slippery-slope", 312, without)
    assert (q["speaker"], q["quote_kind"]) == ("Wayne Eyre", "partial")


def test_an_anonymous_government_official_speaks_for_the_state_just_named():
    # usembassy-jmh-japan-wary-declaration@1134: 'Japan is wary of this move. A senior government
    # official distanced himself from this proposition, stating: “This is just a matter of Mr. Moon
    # saying so.”' The unnamed government official stands for Japan, the state the paragraph names;
    # "stating" takes the main clause's subject, a full sentence: a statement.
    q = quote_at("usembassy-jmh-japan-wary-declaration", 1134)
    assert (q["speaker"], q["speaker_kind"], q["quote_kind"]) == ("Japan", "institution", "statement")


def test_a_lead_quote_is_the_speaker_the_next_paragraph_opens_with():
    # korea-net-moon-bbc-end-of-war@246: the body opens with a paragraph that is only a quotation,
    # '“Korea and the United States both agree that it is desirable to declare the end of war as
    # soon as possible. …”', and the next paragraph opens 'President Moon Jae-in said, “President
    # Trump and I …”': the lead quote is Moon's, a statement.
    q = quote_at("korea-net-moon-bbc-end-of-war", 246)
    assert (q["speaker_id"], q["quote_kind"]) == ("moon-jae-in", "statement")


def test_what_a_named_speaker_has_called_something_is_his_partial():
    # telegraph-korean-peace-hopes-singapore@1121: '… at the summit, which Mr Trump has called a
    # “‘getting to know you’ meeting plus”.' The relative clause gives Trump's own description of
    # the summit: his partial quote, not a writer's label.
    q = quote_at("telegraph-korean-peace-hopes-singapore", 1121)
    assert (q["speaker_id"], q["quote_kind"]) == ("donald-trump", "partial")


@pytest.mark.parametrize("without", [(), ("lu-chao",)])
def test_an_unnamed_expert_is_the_one_analyst_the_text_describes(without):
    # global-times-end-war-needs-chinese-backing@180: '… its significance would be “discounted”
    # without China’s participation, a Chinese expert said …'; later '“…,” Lü Chao, a research
    # fellow on North Korea at the Liaoning Academy of Social Sciences, told the Global Times.' The
    # only analyst the text describes is the expert of the lead: his partial quote.
    q = new_quote_at("global-times-end-war-needs-chinese-backing", 180, without)
    assert (q["speaker"], q["quote_kind"]) == ("Lü Chao", "partial")


def test_what_someone_means_by_a_term_is_their_term():
    # hankyoreh-column-nk-preconditions@777: 'To begin, what Pyongyang means by “double standards”
    # is explained in a Sept. 25 press statement …': the term is North Korea's (Pyongyang as its
    # capital), as with "what it calls".
    q = quote_at("hankyoreh-column-nk-preconditions", 777)
    assert (q["speaker"], q["quote_kind"]) == ("North Korea", "term")


def test_he_after_an_anonymous_officials_quote_is_that_official():
    # yonhap-moon-end-war-offer-jump-start-peace@1366: '… a "second or minute hand on the clock"
    # for peace moving, according to the official who spoke on the customary condition of
    # anonymity. / A political leader's speech represents the expression of his or her "commitment
    # and faith," he said.' Nobody is named between: "he" is the Cheong Wa Dae official just quoted,
    # not Moon, the earlier sentence's subject.
    q = quote_at("yonhap-moon-end-war-offer-jump-start-peace", 1366)
    assert (q["speaker"], q["speaker_kind"]) == ("Cheong Wa Dae", "institution")


def test_his_word_in_a_relative_clause_belongs_to_the_person_who_stands_for():
    # atlantic-north-south-korea-peace-treaty@515: '… parameters for Kim’s upcoming nuclear talks
    # with Donald Trump, who had previously given his “blessing” to North and South Korea …': "who"
    # is Trump and "his “blessing”" his word; one possessed noun, a term (as with "X’s “…”").
    q = quote_at("atlantic-north-south-korea-peace-treaty", 515)
    assert (q["speaker_id"], q["quote_kind"]) == ("donald-trump", "term")
