"""Word lists the rules use: cue verbs, titles, organisation head words, demonyms, capitals.

General English newswire vocabulary only; nothing here is specific to one source. The
registry (annotations/registry.yaml) extends these lists at run time as a gazetteer.
"""

from __future__ import annotations

# Cue lemmas: the verbs that attribute speech, thought or a stance to a source, by the
# complement they take (cues.py inflects them: "say" gives says, said, saying). General
# English; the weights that tell a reliable cue from a weak one are learned (ranking.py).
#   speech      a speech act reporting a clause or a quotation: "X said (that) ..."
#   cognition   a belief or intention stated for a source: "X believes ..."
#   act         a speech act with a noun-phrase object: "X criticised the plan", "X called for ..."
CUE_LEMMAS = {
    "speech": """say tell add note state explain argue write warn insist stress emphasise emphasize underline
        underscore suggest observe remark comment claim acknowledge admit caution conclude continue
        predict reply respond confirm announce declare contend maintain reiterate recall concede allege
        estimate report tweet post testify assert complain deny indicate ask answer counter reveal
        disclose promise pledge vow agree propose urge demand recommend signal hint speculate joke quip
        boast lament inform assure remind charge protest recount retort shout chant read repeat clarify
        elaborate affirm posit muse hold stipulate press fume exclaim opine echo scoff snap gush marvel
        interject scold vent rail implore plead beg taunt sneer yell scream whisper reason grumble groan
        sigh laugh cry show find order rule proclaim""".split(),
    "cognition": """believe think feel know expect hope fear doubt wonder worry assume suspect reckon
        consider see want wish""".split(),
    "act": """call criticise criticize praise accuse condemn denounce reject dismiss blast slam attack blame
        defend endorse support oppose welcome hail tout mock decry cite mention discuss question challenge
        highlight describe label brand dub refuse decline threaten thank congratulate frame portray depict
        cast""".split(),
}
# Irregular forms: lemma -> (3rd person, past, past participle, -ing).
CUE_IRREGULAR = {
    "say": ("says", "said", "said", "saying"), "tell": ("tells", "told", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"), "think": ("thinks", "thought", "thought", "thinking"),
    "feel": ("feels", "felt", "felt", "feeling"), "know": ("knows", "knew", "known", "knowing"),
    "see": ("sees", "saw", "seen", "seeing"), "read": ("reads", "read", "read", "reading"),
    "hold": ("holds", "held", "held", "holding"), "make": ("makes", "made", "made", "making"),
    "cast": ("casts", "cast", "cast", "casting"),
    "go": ("goes", "went", "gone", "going"), "take": ("takes", "took", "taken", "taking"),
    "put": ("puts", "put", "put", "putting"), "lay": ("lays", "laid", "laid", "laying"),
    "find": ("finds", "found", "found", "finding"), "shoot": ("shoots", "shot", "shot", "shooting"),
    "spell": ("spells", "spelled", "spelt", "spelling"), "speak": ("speaks", "spoke", "spoken", "speaking"),
}
# Longer verbs that double their last consonant ("admitted", "quipping"; short ones follow the rule).
CUE_DOUBLING = frozenset("admit commit quip regret submit rebut omit refer prefer".split())
# Cues of two words or more: a cue lemma (inflected) and the words after it.
CUE_PARTICLES = {
    "point out": "speech", "make clear": "speech", "go on": "speech", "take note": "speech",
    "sum up": "speech", "spell out": "speech", "lay out": "speech", "put it": "speech",
    "call for": "act", "call on": "act", "push for": "act", "speak out": "speech", "weigh in": "speech",
    "shoot back": "speech", "fire back": "speech", "chime in": "speech", "go so far as": "speech",
    "commit to": "act",
}
# Verbs that take the person spoken to as their object before the reported clause
# ("told reporters that ...", "warned Seoul that ...").
CUE_WITH_ADDRESSEE = frozenset("tell inform assure remind warn urge ask".split())
DOCUMENT_NOUNS = frozenset(
    """declaration declarations statement statements communique communiqué agreement agreements accord
    accords treaty treaties resolution resolutions charter constitution law act text texts pact
    document documents memorandum memo letter readout protocol armistice convention bill decree
    platform manifesto""".split()
)


# Words that head an organisation's name.
ORG_HEADS = {
    "Institute": "think_tank", "Institution": "think_tank", "Foundation": "think_tank",
    "Endowment": "think_tank", "Center": "think_tank", "Centre": "think_tank",
    "Council": "think_tank", "Initiative": "think_tank", "Forum": "think_tank",
    "Society": "other", "Association": "other", "Program": "other", "Programme": "other",
    "University": "other", "College": "other", "School": "other", "Academy": "think_tank",
    "Department": "government_body", "Ministry": "government_body", "Agency": "government_body",
    "Office": "government_body", "Bureau": "government_body", "Commission": "government_body",
    "Committee": "government_body", "Secretariat": "government_body", "Cabinet": "government_body",
    "Service": "government_body", "Administration": "government", "Government": "government",
    "Command": "military_command", "Forces": "armed_forces", "Army": "armed_forces",
    "Navy": "armed_forces", "Marines": "armed_forces", "Guard": "armed_forces",
    "Corps": "armed_forces",
    "Assembly": "government_body", "Congress": "government_body", "Senate": "government_body",
    "Parliament": "government_body", "Court": "government_body", "Bank": "other", "Fund": "other",
    "Nations": "intergovernmental_organisation", "Union": "intergovernmental_organisation",
    "Organization": "intergovernmental_organisation", "Organisation": "intergovernmental_organisation",
    "Party": "political_party", "Herald": "media", "Times": "media", "Post": "media",
    "Journal": "media", "News": "media", "Tribune": "media", "Gazette": "media", "Press": "media",
    "Broadcasting": "media", "Television": "media", "Radio": "media", "Daily": "media",
    "Telegraph": "media", "Guardian": "media", "Economist": "media",
    "Group": "other", "Company": "other", "Corporation": "other",
}
# Capitalised words that are never part of a person's name.
NOT_NAME_WORDS = frozenset(
    """The A An This That These Those It Its He She His Her They Their We Our I You In On At For From
    To By With Without As Of And Or But If When While Since After Before During Under Over Into Onto
    Although Though However Moreover Therefore Meanwhile Also Still Even Only Both Either Neither
    Nor Yet So Not No Yes Many Most Some Such Several Few Every Each All Any Other Another Then
    Now Here There Where What Which Who Whom Whose Why How Could Would Should Can Will May Might
    Must Shall Is Are Was Were Be Been Being Has Have Had Do Does Did
    Essentially Nonetheless Nevertheless Rather Instead Indeed Thus Hence Against Despite Almost
    Once Twice One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve First Second Third
    Last Next New Old North South East West Northeast Northwest Southeast Southwest Central
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday War Peninsula Summit Declaration Agreement Treaty Accord Armistice Pact
    Sea River Island Islands Asia Europe Africa America Pacific Atlantic Indo Middle Far Korean
    English From Send Photo Reuters AP AFP Yonhap Mr Mrs Ms Dr Prof Sir Lord Lady""".split()
)
# Person titles that may stand before a name (case as written in running text).
TITLE_WORDS = frozenset(
    """President president Vice vice Prime prime Minister minister Secretary secretary Chairman
    chairman Chairwoman chairwoman Chair chair Leader leader leaders General general Gen. Ambassador
    ambassador Envoy envoy Representative representative Spokesman spokesman Spokeswoman
    spokeswoman Spokesperson spokesperson Senator senator Sen. Rep. Governor governor Mayor mayor
    King king Queen queen Emperor emperor Premier premier Chancellor chancellor Dr. Prof. Professor
    professor Mr. Mrs. Ms. Admiral admiral Adm. Lt. Col. Colonel colonel Commander commander
    Director director Candidate candidate candidates lawmaker Lawmaker official officials diplomat
    analyst expert negotiator sister brother wife husband Supreme supreme Foreign foreign Defense
    defense Defence defence Unification unification Deputy deputy First first Special special
    Chief chief Justice justice Speaker speaker Commissioner commissioner Marshal marshal Director-General
    Secretary-General Chief-of-staff General-Secretary General-secretary Ayatollah Pope Prince
    Princess Sheikh Sultan Col Lt Sgt Captain Capt. Major Maj. Rev. Fr. Senior senior Former
    former then-President Acting acting Interim interim Assistant assistant Undersecretary
    Under-Secretary Attorney attorney Justice Premier reporter Reporter correspondent
    Correspondent columnist Columnist editor Editor""".split()
)
OFFICIAL_TITLES = (
    "minister", "secretary", "ambassador", "envoy", "spokes", "official", "diplomat", "adviser",
    "advisor", "negotiator", "commissioner", "director-general", "deputy", "undersecretary",
    "under-secretary", "attorney", "general", "admiral", "commander", "colonel", "marshal",
    "representative for", "special representative", "officer",
)
POLITICIAN_TITLES = ("senator", "lawmaker", "candidate", "politician", "congressman",
                     "congresswoman", "representative", "governor", "mayor", "mp", "legislator")
ANALYST_TITLES = ("fellow", "expert", "analyst", "professor", "researcher", "scholar", "chair",
                  "director", "president", "scientist", "lecturer", "associate", "specialist",
                  "head of", "vice president", "founder", "economist", "historian")
JOURNALIST_TITLES = ("journalist", "reporter", "correspondent", "editor", "columnist", "writer")

DEMONYMS = {
    "American": "United States", "US": "United States", "U.S.": "United States",
    "South Korean": "South Korea", "North Korean": "North Korea", "Korean": None,
    "Chinese": "China", "Japanese": "Japan", "Russian": "Russia", "Vietnamese": "Vietnam",
    "Cambodian": "Cambodia", "British": "United Kingdom", "French": "France", "German": "Germany",
    "Australian": "Australia", "Canadian": "Canada", "Indian": "India", "Iranian": "Iran",
    "Israeli": "Israel", "Ukrainian": "Ukraine", "Taiwanese": "Taiwan", "Mongolian": "Mongolia",
    "Philippine": "Philippines", "Filipino": "Philippines", "Thai": "Thailand",
    "Indonesian": "Indonesia", "Malaysian": "Malaysia", "Singaporean": "Singapore",
    "Laotian": "Laos", "Burmese": "Myanmar", "Pakistani": "Pakistan", "Syrian": "Syria",
    "Iraqi": "Iraq", "Turkish": "Turkey", "Italian": "Italy", "Spanish": "Spain", "Polish": "Poland",
    "Dutch": "Netherlands", "Swedish": "Sweden", "Swiss": "Switzerland", "Egyptian": "Egypt",
    "Saudi": "Saudi Arabia", "Mexican": "Mexico", "Brazilian": "Brazil", "Cuban": "Cuba",
    "Venezuelan": "Venezuela", "New Zealand": "New Zealand",
}
# Capitals used as metonyms for their state ("Washington said ...").
CAPITALS = {
    "Washington": "United States", "Pyongyang": "North Korea", "Seoul": "South Korea",
    "Beijing": "China", "Tokyo": "Japan", "Moscow": "Russia", "Hanoi": "Vietnam",
    "London": "United Kingdom", "Paris": "France", "Berlin": "Germany", "Phnom Penh": "Cambodia",
    "Kyiv": "Ukraine", "Kiev": "Ukraine", "Tehran": "Iran", "Canberra": "Australia",
    "Taipei": "Taiwan", "Ottawa": "Canada", "New Delhi": "India", "Islamabad": "Pakistan",
    "Manila": "Philippines", "Jakarta": "Indonesia", "Bangkok": "Thailand", "Ulaanbaatar": "Mongolia",
    "Vientiane": "Laos", "Havana": "Cuba", "Damascus": "Syria", "Baghdad": "Iraq", "Ankara": "Turkey",
    "Jerusalem": "Israel", "Cairo": "Egypt", "Riyadh": "Saudi Arabia", "Brussels": None,
}
# Preferred short names and extra aliases of states (pycountry supplies the rest).
STATE_ALIASES = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America", "the States"],
    "South Korea": ["ROK", "Republic of Korea", "S. Korea", "the South"],
    "North Korea": ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea",
                    "Democratic People’s Republic of Korea", "N. Korea", "the North"],
    "China": ["PRC", "People's Republic of China", "People’s Republic of China"],
    "Russia": ["Russian Federation"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "Vietnam": ["Viet Nam"],
    "Taiwan": ["Republic of China"],
    "Iran": [], "Syria": [], "Laos": [], "Bolivia": [], "Venezuela": [], "Tanzania": [],
    "Moldova": [], "Czechia": ["Czech Republic"], "Turkey": ["Türkiye"],
}
# Well-known institutions named without a head word, and their type and country.
KNOWN_INSTITUTIONS = {
    "United Nations": ("intergovernmental_organisation", None, ["UN", "U.N."]),
    "European Union": ("intergovernmental_organisation", None, ["EU"]),
    "NATO": ("intergovernmental_organisation", None, []),
    "ASEAN": ("intergovernmental_organisation", None, []),
    "White House": ("government_body", "USA", []),
    "Pentagon": ("government_body", "USA", []),
    "State Department": ("government_body", "USA", []),
    "Kremlin": ("government_body", "RUS", []),
    "Cheong Wa Dae": ("government_body", "KOR", ["Blue House"]),
    "Congress": ("government_body", "USA", []),
    "Security Council": ("intergovernmental_organisation", None, []),
    "Workers' Party of Korea": ("political_party", "PRK", ["Workers’ Party of Korea"]),
}
# Government seats that, after "at the"/"in the", name a place rather than the body.
BUILDINGS = frozenset(["White House", "Pentagon", "Kremlin", "Blue House", "Élysée", "Elysee Palace",
                       "Zhongnanhai", "Capitol", "Downing Street"])
# Connectors allowed inside multi-word proper names ("Council on Foreign Relations").
NAME_CONNECTORS = frozenset("of for on and the de du van von der al bin la le del da dos &".split())
# Nouns that name an event; used to draft events around dated references.
EVENT_NOUNS = {
    "summit": "summit", "talks": "negotiation", "negotiations": "negotiation", "meeting": "meeting",
    "agreement": "agreement", "accord": "agreement", "treaty": "agreement", "pact": "agreement",
    "declaration": "declaration", "statement": "statement", "speech": "speech", "address": "speech",
    "election": "election", "invasion": "invasion", "attack": "military_action",
    "attacks": "military_action", "test": "military_action", "tests": "military_action",
    "armistice": "armistice", "war": "war", "occupation": "occupation", "withdrawal": "withdrawal",
    "withdrawn": "withdrawal", "normalised": "normalisation", "normalized": "normalisation",
    "normalisation": "normalisation", "normalization": "normalisation", "sanctions": "sanctions",
    "remains": "repatriation_of_remains", "visit": "meeting", "report": "publication",
    "published": "publication", "signed": "agreement",
}
GIVEN_NAMES = frozenset(
    """Aaron Adam Alan Albert Alex Alexander Alice Alison Amanda Amy Andrew Andy Angela Ann Anna Anne
    Anthony Antony Antonio Ashton Barack Barbara Ben Benjamin Bernie Beth Bill Bob Bonnie Brad Brian
    Bruce Carl Carlos Caroline Catherine Charles Charlie Chris Christine Christopher Chuck Claire
    Colin Condoleezza Craig Dan Daniel Dave David Dean Deborah Dennis Diane Dick Donald Doug Douglas
    Ed Edward Elizabeth Emily Emma Eric Frank Fred Gary George Gordon Greg Gregory Hank Harry
    Heather Helen Henry Hillary Ian Jack Jake James Jamie Jane Janet Jason Jeff Jeffrey Jennifer
    Jeremy Jerry Jessica Jim Jimmy Joan Joe John Johnny Jon Jonathan Joseph Josh Joshua Joyce Judith
    Julia Julie Justin Karen Kate Katherine Kathleen Keith Kelly Ken Kenneth Kevin Kim Kurt Larry
    Laura Leon Linda Lindsey Lisa Lloyd Louis Lucy Madeleine Marc Marco Margaret Maria Marie Mark
    Martin Mary Matt Matthew Max Melissa Michael Michelle Mike Mitch Nancy Nathan Ned Nicholas Nick
    Nicole Patricia Patrick Paul Peter Phil Philip Rachel Ralph Randall Ray Rebecca Richard Rick
    Rob Robert Roger Ron Ronald Rose Ruth Ryan Sam Samuel Sarah Scott Sean Sheila Stephen Steve
    Steven Sue Susan Suzanne Terry Thomas Tim Timothy Todd Tom Tony Victor Victoria Vincent Walter
    Wendy William Xi Vladimir Shinzo Fumio Yoshihide Emmanuel Angela Olaf Justin Narendra Anthony
    Antony Sung Victor Jung Kurt Sydney Sue Duyeon Jenny Van Daniel Leif Sung-yoon Chun Abraham""".split()
)


# ----------------------------------------------------------------------------------------
# People and institutions the registry does not know (entities.py); dates in context (dates.py).
# Kept as one block so that merges with the attribution word lists stay clean.

# Titles written before a name that TITLE_WORDS lacks ("Reps. Ro Khanna (D-Calif.)").
EXTRA_TITLE_WORDS = frozenset(
    """Reps. Sens. Reps Sens Congresswoman Congressman congresswoman congressman Ranking Rear Adm
    Vice-Minister Vice-Chairman Ambassador-at-large Envoy Lawmakers lawmakers Photographer
    photographer Gov. Amb. Cmdr. Brig. Maj. Member""".split()
)
# Head words of organisations that ORG_HEADS lacks.
EXTRA_ORG_HEADS = {"Subcommittee": "government_body", "Ilbo": "media", "Sinmun": "media",
                   "Shimbun": "media", "Caucus": "government_body", "Ministries": "government_body"}
# Words of a web page's section labels: an "organisation" made of these alone is furniture
# ("World News", "All News", "Press Release"), not a named body.
SITE_LABEL_WORDS = frozenset(
    """All World Top Latest Breaking More Local Related Press Release Releases News Home Opinion
    Business Sports Politics Features Photos Video Videos Daily Most Popular Read Editor's Picks""".split()
)
# Person titles that end an organisation's name when they follow its head word
# ("Central Committee Deputy Director Kim Yo-jong", "Committee Ranking Member Michael McCaul").
TITLES_AFTER_ORG = frozenset(
    """Deputy Director Chairman Chairwoman Chair Ranking Member Spokesman Spokeswoman Spokesperson
    Secretary Vice Minister Rear Adm Adm. Admiral Professor President Commander Ambassador Chief
    Head Senior Gen. General-Secretary Secretary-General Director-General Envoy""".split()
)
# Lower-case role nouns that, right after a name and a comma, make it a person's name
# ("Geng Shuang, spokesman for ...", "Takehiro Funakoshi, head of ...").
APPOSITIVE_ROLES = frozenset(
    """spokesman spokeswoman spokesperson head director chief deputy minister ambassador envoy
    professor adviser advisor chairman chairwoman president secretary senior researcher fellow
    analyst expert editor reporter correspondent columnist commander general official diplomat
    negotiator representative lawmaker senator leader founder member vice executive""".split()
)
# Common family names of Korea, China and Vietnam, as newswire romanises them: a capitalised word
# from this list followed by one or two capitalised syllables is a name ("Geng Shuang",
# "Ri Yong Ho", "Kim Yongchol"). Family names that are also English words heading place names
# (Long, Sun, Do, Bang, Won, Ok) are left out: "Long Island" is no person.
EAST_ASIAN_FAMILY_NAMES = frozenset(
    """Kim Lee Yi Rhee Ri Park Pak Choi Choe Jung Chung Jeong Kang Cho Jo Yoon Yun Jang Chang Lim Im
    Han Oh Seo Suh Shin Sin Kwon Hwang Ahn Song Jeon Chun Hong Ko Moon Mun Yang Son Sohn Bae Baek
    Paik Heo Hur Yoo Ryu Nam Noh Roh Kwak Cha Joo Ju Woo Min Jin Ji Eom Chae Cheon Gong
    Hyun Ham Byun Yeom Yeo Choo Seok Seol Gil Yeon Pyo Myung Ban Wang Geum Yook Hyon Ryang
    Jon Kye Tak Wi Li Zhang Liu Chen Huang Zhao Wu Zhou Xu Zhu Hu Guo Gao Lin Luo Zheng Liang
    Xie Tang Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Lü
    Ding Ren Shen Yao Cui Zhong Tan Fan Shi Liao Jia Xia Fu Fang Bai Zou Meng Xiong Qin Qiu Hou Yin
    Xue Yan Duan Lei Geng Xing Kong Hua Qian Mao Hao Xi Ng Nguyen Tran Pham Hoang Vo Dang Bui Ngo""".split()
)
# Words that end an organisation's name when a connector leads to them ("the UN General Assembly
# on Saturday", "the Korea Times on Sept. 23").
DATE_WORDS = frozenset(
    """January February March April May June July August September October November December Jan Feb
    Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday""".split()
)
# Words that put a clause in the future: a weekday or month named there lies after the dateline
# ("will meet on Tuesday", "the summit scheduled for October").
FUTURE_MARKERS = (
    "will", "would", "’ll", "'ll", "shall", "to be held", "scheduled", "is due", "are due", "due to",
    "plans to", "planned", "planning", "expected to", "set to", "upcoming", "is to", "are to",
    "going to", "aims to", "hopes to", "intends to", "next", "desire to", "wish to", "wants to",
    "want to", "seeks to", "seek to",
)


# Heads of a title that can stand alone for a person the article names ("the minister said",
# "said the president", "The US president said:"), with the words a role may be written in.
ROLE_HEADS = {
    "president": ("president",), "minister": ("minister",), "secretary": ("secretary",),
    "chancellor": ("chancellor",), "ambassador": ("ambassador",), "envoy": ("envoy",),
    "spokesman": ("spokesman", "spokesperson"), "spokeswoman": ("spokeswoman", "spokesperson"),
    "spokesperson": ("spokesperson", "spokesman", "spokeswoman"), "leader": ("leader",),
    "chairman": ("chairman",), "premier": ("premier",), "senator": ("senator",),
    "congressman": ("congressman", "rep", "representative"),
    "congresswoman": ("congresswoman", "rep", "representative"),
    "rep": ("rep", "representative", "congressman", "congresswoman"),
    "representative": ("representative", "rep", "congressman", "congresswoman"),
    "nominee": ("nominee",), "general": ("general",), "commander": ("commander",),
    "director": ("director",), "professor": ("professor",), "correspondent": ("correspondent",),
    "ambassador-designate": ("ambassador",), "governor": ("governor",), "mayor": ("mayor",),
    "expert": ("expert",), "analyst": ("analyst",), "scholar": ("scholar",), "researcher": ("researcher",),
    "fellow": ("fellow",),
}
# Nouns for a source the text does not name ("a Cheong Wa Dae official told reporters"):
# the speaker is the institution named with them, else nobody.
ANONYMOUS_SOURCES = frozenset("official officials source sources diplomat diplomats aide aides".split())
# Groups a text quotes without naming anyone ("Critics said", "Analysts argue"): capitalised at
# the start of a sentence, they are still no name, and no speaker.
UNNAMED_GROUPS = frozenset(
    """critics analysts experts observers supporters opponents skeptics sceptics proponents advocates
    residents voters lawmakers scholars researchers activists protesters commentators economists
    pundits insiders detractors""".split()
)

# "the deputy head of the U.N. Command said": "head" as a title (attribution's title runs)
ROLE_HEADS.setdefault("head", ("head",))


# --- the attribution grammar's closed word classes (tokens.py, phrases.py, frames.py) ---
DETERMINERS = frozenset(
    """the a an this that these those his her its their our my your some many several most few all both
    each every another other any no one two three four five six seven eight nine ten dozens hundreds""".split()
)
SUBJECT_PRONOUNS = frozenset("he she they it we i you".split())
OBJECT_PRONOUNS = frozenset("him her them me us you it reporters".split())
RELATIVE_PRONOUNS = frozenset("who which that whose whom".split())
# The first words of a statement's own voice as a source: "I", "we", "my delegation", "our Government".
FIRST_PERSON = frozenset("i we my our".split())
# Words that may stand between a source and its cue: auxiliaries, negation, adverbs.
CUE_AUXILIARIES = frozenset(
    """has have had also would will could might may should can did does do was were is are be been being
    not n’t never then later again previously once publicly recently earlier separately similarly likewise
    simply flatly bluntly firmly repeatedly reportedly just still often already even further quickly
    initially privately openly subsequently finally first long has’ve ’s 's ’ve 've ’d 'd ’ll 'll""".split()
)
# Words a noun phrase does not cross: conjunctions, clause openers, prepositions that start an
# adverbial, verbs of being ("X is expected to say": no subject right before the cue).
NP_BARRIERS = frozenset(
    """that which because but and or nor if when while as since after before although though unless until
    whether so than then where why how what to in on at by with from into onto during under over about
    against without through between among upon per via is are was were be been being has have had will
    would should could can may might must shall do does did not also said says told there here who whom
    whose""".split()
)
# Prepositions that may join the parts of a source's noun phrase ("a spokesman for the campaign",
# "Secretary of State John Kerry", "officials at the Pentagon").
NP_JOINERS = frozenset("of for at".split())
# Titles written with "to" and the place they serve ("Ambassador to Seoul", "Special Envoy to …").
TITLES_WITH_TO = frozenset("ambassador envoy representative delegate adviser advisor".split())
# Abbreviated titles written with a period ("Rep.", "Sen.", "Gov.", "Mr.").
DOTTED_TITLES = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col capt maj sgt adm rev fr jr sr st amb del pres sens reps""".split()
)


# --- positions (claims.py): words that turn a stated position against the concept it mentions ---
STANCE_AGAINST = frozenset(
    """not n't no never nor cannot oppose opposes opposed opposing opposition against reject rejects
    rejected rejecting refuse refuses refused premature unlikely unwilling doubt doubts doubtful
    skeptical sceptical wary caution cautioned danger dangerous risk risky slippery undermine
    undermines weaken weakens""".split()
)
# Cue lemmas that report opposition to what they are about ("rejected the declaration").
CUE_AGAINST = frozenset(
    """reject oppose criticise criticize dismiss deny warn condemn denounce blast slam refuse decline
    question challenge doubt mock decry attack blame""".split()
)
