"""People and institutions found in any article, with the registry as a gazetteer but never
required. Every sentence here is copied from a reviewed source (raw/<source_id>.txt, offset of
the name after @); annotations/ hold the coding these tests reason from."""

from __future__ import annotations

from endofwar.extraction import extract

# A registry shaped like annotations/registry.yaml: one-word aliases ("Kim", "Moon") and one
# spelling of each name, so the tests see how other spellings and lone names are handled.
REGISTRY = {
    "experts": [
        {"expert_id": "young-kim", "name": "Young Kim", "person_type": "politician",
         "aliases": ["Congresswoman Kim", "Kim"]},
        {"expert_id": "kim-jong-un", "name": "Kim Jong-un", "person_type": "head_of_state_or_government",
         "aliases": []},
        {"expert_id": "donald-trump", "name": "Donald Trump", "person_type": "head_of_state_or_government",
         "aliases": []},
        {"expert_id": "moon-jae-in", "name": "Moon Jae-in", "person_type": "head_of_state_or_government",
         "aliases": ["Moon"]},
        {"expert_id": "sung-kim", "name": "Sung Kim", "person_type": "official", "aliases": []},
    ],
    "institutions": [
        {"institution_id": "united-nations-command", "name": "United Nations Command",
         "institution_type": "military_command", "aliases": ["the Command"]},
        {"institution_id": "united-nations", "name": "United Nations",
         "institution_type": "intergovernmental_organisation", "abbreviation": "UN", "aliases": ["U.N."]},
    ],
    "events": [],
}


def persons(text, registry=None):
    rec = extract(text, registry=registry)
    for p in rec["persons"]:
        assert text[p["char_start"]:p["char_end"]] == p["text"]
    return {p["id"]: p for p in rec["persons"]}


def institutions(text, registry=None):
    return {i["id"]: i for i in extract(text, registry=registry)["institutions"]}


# ---- the registry's one-word names stand for its people only when the text allows it

def test_a_one_word_alias_alone_is_not_its_registry_person():
    # investing-reuters-eyre-slippery-slope@973: "Kim" here is Kim Jong Un, not the registry's
    # Young Kim (alias "Kim"); the full name is spelled without the registry's hyphen.
    text = ('"The optimistic would say that he (North Korean leader Kim Jong Un) needs it for a domestic '
            'audience so he can change his ways and have a new approach; the pessimist would say it\'s '
            'another way to split the allies apart."')
    got = persons(text, REGISTRY)
    assert "young-kim" not in got
    assert "kim-jong-un" in got  # "Kim Jong Un" = "Kim Jong-un": hyphens and spaces ignored


def test_a_lone_family_name_after_a_title_is_the_one_registry_person_so_called():
    # korea-net-moon-bbc-end-of-war@482: "President Trump" with no full name in the text
    text = ('President Moon Jae-in said, “President Trump and I have repeatedly discussed declaring the '
            'end of war,” during an interview with BBC’s Seoul correspondent Laura Bicker at Cheong Wa '
            'Dae on Oct. 12. ')
    assert "donald-trump" in persons(text, REGISTRY)
    # nk-news-trump-summit-declare-end-war@23: a headline, no title at all
    assert "donald-trump" in persons("Why Trump should use his next summit with Kim to declare an end to "
                                     "the Korean War\n", REGISTRY)
    # ... but "Kim" in that headline is nobody in particular: many registry people are Kims
    assert set(persons("Why Trump should use his next summit with Kim to declare an end to the Korean "
                       "War\n", REGISTRY)) == {"donald-trump"}


def test_a_name_in_capitals_and_with_a_middle_name_finds_the_registry_person():
    # telegraph-korean-peace-hopes-singapore@124: the lead's first words in capitals
    text = ("DONALD TRUMP could secure a formal end to the 68-year Korean War during his summit with Kim "
            "Jong-un, handing the US president a symbolic win from the historic meeting.")
    got = persons(text, REGISTRY)
    assert "donald-trump" in got and "kim-jong-un" in got
    # rep-young-kim-oppose-end-of-war-declaration@654: "Sung Yong Kim" is the registry's Sung Kim
    text = ("Congresswoman Kim led a letter alongside House Foreign Affairs Committee Ranking Member "
            "Michael McCaul (TX-10) and 33 colleagues to U.S. National Security Advisor Jake Sullivan, U.S. "
            "Secretary of State Antony Blinken and U.S. Special Representative to North Korea Sung Yong Kim "
            "in strong opposition to calls for an end-of-war declaration for the Korean War.")
    got = persons(text, REGISTRY)
    assert "sung-kim" in got and "young-kim" in got


# ---- names the registry does not know

def test_titles_in_front_and_party_tags_after_mark_names():
    # huffpost-progressive-democrats-end-korean-war@417
    text = ("Reps. Ro Khanna (D-Calif.), Barbara Lee (D-Calif.) and Andy Kim (D-N.J.) introduced the "
            "non-binding resolution on Tuesday as a sign of support from Congress ahead of the Hanoi, "
            "Vietnam, summit where Trump and Kim Jong-Un could announce an agreement to officially end the war.")
    got = persons(text)
    assert {"ro-khanna", "barbara-lee", "andy-kim"} <= set(got)
    assert "andy" not in got and "kim" not in got


def test_a_name_before_a_comma_and_a_role_is_a_person():
    # global-times-end-war-needs-chinese-backing@1806
    text = ("“Ending the warring state on the Korean Peninsula and replacing the armistice with a peace "
            "treaty are an important part of the political settlement of the Korean Peninsula issue and the shared "
            "aspiration of the international community,” Geng Shuang, spokesman for the "
            "Chinese Ministry of Foreign Affairs, told a daily press conference on Wednesday.")
    assert "geng-shuang" in persons(text)
    # japan-times-japan-reluctant-end-of-war@1609
    text = ("In response, Takehiro Funakoshi, head of the Foreign Ministry’s Asian and Oceanian Affairs "
            "Bureau, said it is “premature” to discuss the proposal, noting that North Korea has repeatedly "
            "test-fired missiles, the sources said.")
    assert "takehiro-funakoshi" in persons(text)


def test_an_envoy_to_a_place_and_a_photo_credit_in_capitals():
    # joongang-china-supports-end-of-war-pact@134 and @252
    text = ("Chinese Ambassador to Seoul Xing Haiming sits for an interview with the Korea JoongAng Daily at "
            "the Chinese Embassy in central Seoul on Oct. 14. [PARK SANG-MOON]")
    got = persons(text)
    assert "xing-haiming" in got
    assert got["park-sang-moon"]["name"] == "Park Sang-moon"
    assert got["park-sang-moon"]["text"] == "PARK SANG-MOON"


def test_east_asian_names_family_name_first():
    # defense-one-plan-to-end-korean-war@125 and @203: a leader and a photographer
    got = persons("In this photo taken Friday, Aug. 17, 2018, a North Korean man pushes his bicycle past a "
                  "monument to late North Korean leader Kim Il Sung at the Samjiyon Great Monument in "
                  "Samjiyon, North Korea. AP Photo/Ng Han Guan", REGISTRY)
    assert {"kim-il-sung", "ng-han-guan"} <= set(got) and "young-kim" not in got


def test_a_section_label_is_not_a_name():
    # washington-examiner-moon-end-war-completely-for-good@750: a caption's label on its own line
    text = ("can advance into an era of reconciliation and prosperity.”\n\nMoon Address\nIn this image made "
            "from UNTV video, Korean President Moon Jae-in speaks in a pre-recorded message which was played "
            "during the 75th session of the United Nations General Assembly, Tuesday, Sept. 22, 2020, at UN "
            "headquarters.")
    got = persons(text)
    assert "moon-address" not in got and "moon-jae-in" in got


def test_credit_lines_list_people():
    # metro-reuters-south-korean-leader-repeats@1768 and @1823
    text = ("(Reporting by Michelle Nichols at the United Nations and Michael Martina, David Brunnstrom and "
            "Doina Chiacu in Washington; Editing by Chris Reese and Alistair Bell)")
    assert {"michelle-nichols", "michael-martina", "david-brunnstrom", "doina-chiacu", "chris-reese",
            "alistair-bell"} <= set(persons(text))
    # telegraph-korean-peace-hopes-singapore@101: a byline with places
    assert {"ben-riley-smith", "julian-ryall"} <= set(persons(
        "- By Ben Riley-smith in Washington and Julian Ryall in Tokyo\n"))


def test_then_title_before_a_name():
    # diplomat-challenging-moons-symbolic-declaration@891
    text = ("During a frenzy of diplomatic negotiations between North Korean leader Kim Jong Un, then-U.S. "
            "President Donald Trump, and South Korean President Moon, the concept of ending the war resurfaced.")
    assert "donald-trump" in persons(text)


# ---- institutions end where a person's title or a date begins

def test_an_organisation_ends_before_the_title_of_its_officer():
    # hankyoreh-column-nk-preconditions@865
    text = ("To begin, what Pyongyang means by “double standards” is explained in a Sept. 25 press statement "
            "by Workers’ Party of Korea Central Committee Deputy Director Kim Yo-jong, in which she "
            "explained that “the DPRK's actions of self-defensive dimension” are dismissed.")
    assert "kim-yo-jong" in persons(text)
    assert "workers-party-of-korea-central-committee" in institutions(text)
    # rep-young-kim-oppose-end-of-war-declaration@463
    text = ("Congresswoman Kim led a letter alongside House Foreign Affairs Committee Ranking Member "
            "Michael McCaul (TX-10) and 33 colleagues to U.S. National Security Advisor Jake Sullivan.")
    assert "michael-mccaul" in persons(text)
    assert "house-foreign-affairs-committee" in institutions(text)


def test_an_organisation_ends_before_a_date():
    # donga-nk-end-of-war-declaration-new-york@236
    text = ("North Korea’s Foreign Minister Ri Yong Ho demanded that Washington officially declare the end "
            "of the war at the United Nations General Assembly on Saturday (local time).")
    got = institutions(text)
    assert "united-nations-general-assembly" in got
    assert not any("saturday" in k for k in got)


def test_abbreviated_forms_of_registry_institutions():
    # metro-reuters-south-korean-leader-repeats@717: "U.N. Command" = "United Nations Command"
    text = ("North Korea had long sought a formal end to the Korean War to replace the armistice that "
            "stopped the fighting but left it and the U.S.-led U.N. Command still technically at war.")
    assert "united-nations-command" in institutions(text, REGISTRY)


# ---- institutions: credits, venues, labels, administrations

def test_credits_name_agencies():
    # upi-moon-peace-declaration-final-months@440: a photo credit
    text = ("South Korean President Moon Jae-in said during a New Year's address Monday that he would continue to "
            "pursue a peace agreement with North Korea during his final months in office. Photo by Yonhap\n\n"
            "SEOUL, Jan. 3 (UPI) -- In the final New Year's address of his single five-year term, Moon spoke.\n")
    got = institutions(text)
    assert {"yonhap", "upi"} <= set(got)
    # cgtn-america-panmunjom-declaration-end-war@990: a pool and an agency in one credit
    text = ("North Korea’s leader Kim Jong Un and South Korea’s President Moon Jae-in participate in a "
            "tree-planting ceremony (PHOTO: KOREA SUMMIT PRESS POOL/AFP)\n")
    assert {"korea-summit-press-pool", "afp"} <= set(institutions(text))
    # sentinel-us-nk-may-agree-end-war-vietnam@1208: the agency closing the story
    text = ("“Should the North and the US declare the war’s end, it (the war’s end) would be achieved in the "
            "practical sense.” (IANS)\n")
    assert "ians" in institutions(text)
    # yonhap-harris-no-reward@1354: furniture in parentheses is no agency
    text = ("Harry Harris is seen speaking in a webinar hosted by the Washington Times Foundation on Jan. 4, 2021 in "
            "this captured image. (PHOTO NOT FOR SALE) (Yonhap)\n")
    assert "not-for-sale" not in institutions(text)


def test_a_venue_is_a_place_not_a_party():
    # keia-end-of-war-declaration-opportunities-pitfalls@184 and the-week-agreed-in-principle-end-korean-war@476
    assert "singapore" not in institutions(
        "After the first U.S-North Korea summit held in Singapore in 2018, President Donald Trump and Chairman "
        "Kim Jong-un vowed to “establish new U.S.–DPRK relations”.")
    assert "australia" not in institutions(
        "South Korean President Moon Jae-in said Monday during a visit to Australia. \"We hope that talks will "
        "be initiated.\"")
    # investing-reuters-eyre-slippery-slope@451: troops "in South Korea" are not a venue; the coders
    # count the state
    assert "south-korea" in institutions(
        "WASHINGTON, Oct 5 (Reuters) - A declaration to end the 1950-53 Korea War could be a \"slippery slope\" "
        "to questioning the need for the U.S. troop presence in South Korea, the deputy head of the U.N. "
        "Command overseeing the Korean armistice said on Friday.")


def test_a_page_label_is_not_an_organisation_and_and_joins_a_committee_name():
    # upi-moon-peace-declaration-final-months@31
    assert "world-news" not in institutions(" date 2022-01-03 Advertisement\nWorld News\nJan. 3, 2022 / 6:00 AM\n\n")
    # hankyoreh-kwon-anything-but-moon@745
    text = ("The remarks from Kwon Young-se came during his Thursday confirmation hearing at the National "
            "Assembly’s Foreign Affairs and Unification Committee, where he also added that “a policy of ‘anything "
            "but Moon Jae-in’ is not only not beneficial to [South Korea’s] North Korea policy but can also cause "
            "confusion within North Korea.”")
    got = institutions(text)
    assert "foreign-affairs-and-unification-committee" in got and "unification-committee" not in got


def test_an_administration_named_by_a_short_name_is_the_registry_one():
    registry = {**REGISTRY, "institutions": REGISTRY["institutions"] + [
        {"institution_id": "moon-jae-in-administration", "name": "Moon Jae-in administration",
         "institution_type": "government", "aliases": []}]}
    # yonhap-moon-end-war-offer-jump-start-peace@1513
    text = ("The Moon administration's basic position is that the armistice, signed in 1953, should be replaced "
            "by a peace treaty to enter the path of permanent peace through the end-of-war declaration, he added.")
    assert "moon-jae-in-administration" in institutions(text, registry)
    # nk-news-expert-roundup-yoon-win@445: "government" for "administration"
    text = ("Yoon Suk-yeol’s victory on Wednesday sets the stage for big changes to Seoul’s inter-Korean policy, "
            "experts say, as the new conservative president will usher in a more hawkish posture toward North "
            "Korea that is less prone to engagement than the Moon Jae-in government. ")
    assert "moon-jae-in-administration" in institutions(text, registry)


def test_a_demonym_before_a_title_names_the_state():
    # janes-end-to-korean-war-agreed-in-principle@289 (Canberra is the venue, Australian the mention)
    text = ("Speaking in a joint press conference in Canberra on 13 December alongside Australian Prime Minister "
            "Scott Morrison, Moon said that while the agreement is in place, discussions are yet to start because "
            "Pyongyang has placed conditions on the declaration.")
    got = institutions(text)
    assert got["australia"]["text"] == "Australian"
