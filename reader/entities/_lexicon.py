"""Word lists: shipped data files plus small hand-curated sets of cue words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

from reader.entities.known import KnownNames
from reader.entities.world_given_names import world_given_names


def _lines(name: str) -> list[str]:
    text = resources.files("reader.entities").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True, slots=True)
class Outlet:
    canonical: str
    forms: tuple[str, ...]
    needs_article: bool


WordSet = Mapping[str, None]
"""A long word list, asked only whether it holds a word: a dict of its words, which the
garbage collector leaves alone (as frozensets, the lexicon's 115,000 names and words
were walked by every full collection, two fifths of its time)."""


def word_set(words: Iterable[str]) -> WordSet:
    return dict.fromkeys(words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    first_names: WordSet
    surnames: WordSet
    places: WordSet
    countries: frozenset[str]
    common: WordSet
    outlets: tuple[Outlet, ...]
    outlet_by_form: dict[str, Outlet]
    notable: KnownNames  # well-known people's full names (notable_people.txt)
    notable_surnames: frozenset[str]  # their surnames that alone name a person
    notable_orgs: frozenset[str]  # well-known non-people shaped like names (notable_orgs.txt)
    orgs_also_people: frozenset[str]  # names that are both ("Ford", "Swift", "Dell")


def _split_at_section(name: str, section: str) -> tuple[list[str], list[str]]:
    """The names of data file ``name`` before the comment line ``section``, and after."""
    text = resources.files("reader.entities").joinpath("data", name)
    parts: tuple[list[str], list[str]] = ([], [])
    after = False
    for line in text.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#"):
            after = after or line.lower().startswith(section)
        elif line:
            parts[after].append(line)
    return parts


def _notable(
    not_surnames: frozenset[str], common: frozenset[str]
) -> tuple[KnownNames, frozenset[str]]:
    """notable_people.txt: every name for full-name matches; the surnames of those above
    its "ambiguous surnames" section (Ford, Tesla and Disney are firms first) that are
    not countries, outlets or short words, for one-word mentions."""
    clear, ambiguous = _split_at_section("notable_people.txt", "# ambiguous surnames")
    surnames = {
        last
        for last in (n.split()[-1] for n in clear)
        if len(last) > 2 and last not in not_surnames
        and not (len(last) <= 3 and last.lower() in common)  # "Son", "Key": words first
    }
    return KnownNames(clear + ambiguous), frozenset(surnames)


def _notable_orgs() -> tuple[frozenset[str], frozenset[str]]:
    """notable_orgs.txt: the names above its "also people" section, and those in it."""
    orgs, both = _split_at_section("notable_orgs.txt", "# also people")
    return frozenset(orgs), frozenset(both)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    outlets: list[Outlet] = []
    by_form: dict[str, Outlet] = {}
    text = resources.files("reader.entities").joinpath("data", "outlets.tsv")
    for line in text.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        canonical = cols[0].strip()
        aliases = [a.strip() for a in cols[1].split("|")] if len(cols) > 1 and cols[1] else []
        flags = cols[2].strip() if len(cols) > 2 else ""
        forms = [canonical, *[a for a in aliases if a]]
        if canonical.startswith("The "):
            forms.append(canonical[4:])
        outlet = Outlet(canonical, tuple(dict.fromkeys(forms)), flags == "article")
        outlets.append(outlet)
        for f in outlet.forms:
            by_form.setdefault(f, outlet)
    common = frozenset(_lines("common_words.txt"))
    places = frozenset(_lines("places.txt")) | EXTRA_PLACES
    words_not_names = ORG_WORDS | MONTHS_DAYS | TITLE_HEADS | DEMONYMS
    countries = frozenset(_lines("countries.txt")) | EXTRA_COUNTRIES
    notable_orgs, orgs_also_people = _notable_orgs()
    notable, notable_surnames = _notable(
        # (towns named like people, "Obama" in Japan, stay surnames; countries do not)
        countries | words_not_names | KNOWN_ORGS | ROMAN_SUFFIXES
        | frozenset(by_form) | frozenset(f.split()[0] for f in by_form),  # Fox (News)
        common,
    )
    return Lexicon(
        first_names=word_set(chain(
            _lines("first_names.txt"), _lines("given_names_world.txt"),
            (n for n in world_given_names()
             if n.lower() not in common and n not in places and n not in words_not_names),
        )),
        surnames=word_set(_lines("surnames.txt")),
        places=word_set(places),
        countries=countries,
        common=word_set(common),
        outlets=tuple(outlets),
        outlet_by_form=by_form,
        notable=notable,
        notable_surnames=notable_surnames,
        notable_orgs=notable_orgs,
        orgs_also_people=orgs_also_people,
    )


@lru_cache(maxsize=1)
def _rule_words() -> dict[str, tuple[str, ...]]:
    """data/rules_words.txt: a ``[section]`` line, then that section's words, separated
    by white space, in order (a word may be a regular-expression fragment)."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in _lines("rules_words.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.extend(line.split())
    return {name: tuple(ws) for name, ws in sections.items()}


def word_list(section: str) -> tuple[str, ...]:
    """The words of a section of data/rules_words.txt, in their order."""
    return _rule_words()[section]


def words(section: str) -> frozenset[str]:
    """The words of a section of data/rules_words.txt, as a set."""
    return frozenset(word_list(section))



def _ws(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Words that, capitalised, are a title or part of a role in front of a name.  A run of
# capitalised words is cut after its last title word ("Former Defense Secretary James Mattis").
TITLE_HEADS = _ws(
    """Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Baroness Baron Rev Reverend
    President Minister Secretary Chancellor Senator Sen Rep Representative Congressman
    Congresswoman Gov Governor Mayor Justice Queen Prince Princess Duke Duchess Sheikh
    Ayatollah Imam Pope Cardinal Archbishop Rabbi General Gen Colonel Col Captain Capt
    Lieutenant Lt Sergeant Sgt Admiral Adm Commander Cmdr Chairman Chairwoman Speaker
    Ambassador Attorney Deputy PM MP MEP Premier Chief Executive Director Officer Editor
    Spokesman Spokeswoman Spokesperson Coach Manager Inspector Detective Superintendent
    Constable Chief Leader Commissioner Envoy Dutchman Frenchman Englishman Scotsman
    Welshman Irishman Frenchwoman Englishwoman Scotswoman Welshwoman Irishwoman
    Dutchwoman Spaniard Swede Turk Kiwi Aussie Frau Herr Mme Mlle Monsieur Madame Senor
    Señor Don Doña St Saint
    Insp Det Supt Pte Private Corporal Cpl Brig Brigadier Marshal Count Countess Emperor
    Empress Tsar Sultan Emir King Judge Bishop Major Crown Vice Prime Shadow Foreign Home
    Former Late Defense Defence Health Treasury Trade Industry Economy Culture Education
    Transport Environment Interior Finance Labour Conservative Democrat Democratic
    Republican Tory Liberal Senior Acting Interim Supreme Grand Lord Deputy Assistant
    Managing Finance Foreign Affairs Security Energy Agriculture Justice Sports Sport Work
    Pensions Development Affairs State Opposition Party Team Club Exchequer Backbencher
    District Circuit Magistrate Special Counsel"""
)
# Title words that are only stripped at the very start of a run (they are also surnames
# or first names, "Stephen King", "John Major").
TITLE_INITIAL_ONLY = _ws("King Judge Bishop Major Marshal Count Crown Don Saint St Late Grand")
# What follows a name and is not one: "Jr", "III".
ROMAN_SUFFIXES = _ws("II III IV VI VII VIII Jr Jr. Sr Sr.")
# Titles that strongly mark the next words as a person's name.
PERSON_TITLES = _ws(
    """Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Baroness Baron Rev Reverend
    President Senator Sen Rep Congressman Congresswoman Gov Governor Mayor Queen Prince
    Princess Duke Duchess Sheikh Ayatollah Imam Pope Cardinal Archbishop Rabbi General Gen
    Colonel Col Captain Capt Lieutenant Lt Sergeant Sgt Admiral Chairman Chairwoman
    Ambassador PM MP Premier Coach Inspector Detective Commissioner King Judge Bishop
    Minister Secretary Chancellor Frau Herr Mme Monsieur Madame Count Countess Emperor
    Sultan Emir Spokesman Spokeswoman Director Editor Manager Chief Executive Speaker
    Justice"""
)
HONORIFICS = _ws("Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Baroness Prof Professor")

DEMONYMS = _ws(
    """Afghan Albanian Algerian American Angolan Argentine Argentinian Armenian Australian
    Austrian Azerbaijani Bangladeshi Belarusian Belgian Bolivian Bosnian Brazilian British
    Briton Bulgarian Burmese Cambodian Cameroonian Canadian Chilean Chinese Colombian
    Congolese Croatian Cuban Cypriot Czech Danish Dutch Ecuadorian Egyptian English
    Eritrean Estonian Ethiopian European Fijian Filipino Finnish French Georgian German
    Ghanaian Greek Guatemalan Haitian Honduran Hungarian Icelandic Indian Indonesian Iranian
    Iraqi Irish Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean
    Kosovan Kurdish Kuwaiti Kyrgyz Latvian Lebanese Liberian Libyan Lithuanian Macedonian
    Malaysian Maltese Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian
    Nepalese Nigerian Norwegian Pakistani Palestinian Panamanian Paraguayan Peruvian Polish
    Portuguese Qatari Romanian Russian Rwandan Saudi Scottish Senegalese Serbian Slovak
    Slovakian Slovenian Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Tajik
    Tanzanian Thai Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan
    Vietnamese Welsh Yemeni Zambian Zimbabwean Asian African Arab Western Eastern Northern
    Southern Latin Hispanic Caribbean Scandinavian Balkan Baltic Nordic Soviet Catalan
    Basque Flemish Persian Tibetan Uighur Chechen Pashtun Yorkshire Cornish Texan
    Californian Londoner Parisian Bavarian Sicilian Corsican Olympic Paralympic Lankan Lankans"""
)

MONTHS_DAYS = _ws(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday Christmas Easter Ramadan Eid Diwali Hanukkah"""
)

# Capitalised words that end or veto a candidate: the run names an organisation, an
# event, a place or a thing, not a person.
ORG_WORDS = _ws(
    """Dept Inc Ltd Llc Plc PLC Corp Corporation Co Company Companies Group Holdings Partners
    Partnership Party Bank Banks Ministry Council Committee Commission Agency Association
    Federation Union Foundation Trust Fund Institute Institution Society Board Authority
    Department Office Service Services Network Networks Systems Technologies Technology
    Communications Airlines Airways Motors Industries International Media News Studios
    Records Pictures Entertainment Games Labs Laboratories FC AFC United City Rovers
    Athletic Wanderers Albion Hotspur Club Academy Awards Award Festival Championship
    Championships Cup League Olympics Prix Show Expo Conference Congress Summit Court
    Parliament Assembly Senate Army Navy Force Forces Police Republic Kingdom Empire States
    Steel Energy Oil Petroleum Gas Electric Power Telecom Telecoms Wireless Mobile Research
    Microsystems Software Computing Project Programme Program Scheme Act Treaty Index Report
    Prize Street Road Square Park Island Islands Wharf Bridge Avenue Lane Hill Bay River Lake
    Mountain Mount Valley Airport Stadium Station Hall House Palace Castle Cathedral Church
    Abbey Centre Center Museum Gallery Theatre Theater Hospital School College University
    Universities Institute Ballet Opera Orchestra Band Choir Trophy Open Marathon Tour
    Grand Stakes Derby Race Rally Series Bowl Games Week Day Year Motorway Highway Canal
    Coast Peninsula Province County District Region Sea Ocean Gulf Strait Desert Forest
    Reserve Capital Securities Investments Investment Finance Financial Insurance Assurance
    Solutions Digital Online Radio Television TV Magazine Newspaper Times Post Journal
    Herald Gazette Tribune Chronicle Express Mail Mirror Standard Observer Review Weekly
    Daily Sunday Monthly Press Publishing Publications Books Music Films Film Productions
    Brothers Bros Sons Associates Consulting Capital Ventures Airline Railways Railway Rail
    Trains Buses Transport Logistics Shipping Foods Food Drinks Brewery Brewing Pharma
    Pharmaceuticals Health Healthcare Clinic Medical Labs Motor Auto Automotive Cars
    Electronics Semiconductor Chips Devices Computers Computer Internet Web Dot Com Store
    Stores Shop Shops Supermarket Supermarkets Market Markets Exchange Commerce Chamber
    Trade Treasury Bureau Directorate Secretariat Command Corps Brigade Regiment Division
    Unit Squad Team Institute Initiative Campaign Movement Alliance Coalition Front League
    Caucus Cabinet Government Administration Embassy Consulate Mission Station Prison Jail
    Base Camp Square Plaza Mall Tower Towers Building Estate Farm Gardens Garden Zoo
    Monument Memorial Temple Mosque Synagogue Chapel Cemetery Studio Arena Circuit Course
    Track Ground Grounds Lodge Inn Hotel Hotels Resort Resorts Casino Restaurant Cafe Bar
    Pub Club Clubs Energy Mining Metals Minerals Chemicals Plastics Paper Textiles Fashion
    Design Designs Apparel Clothing Footwear Sportswear Toys Games Gaming Entertainment
    Broadcasting Broadcasters Channel Channels Cinema Cinemas Theatres Arts Art Science
    Sciences Studies Law Laws Bill Act Acts Code Charter Convention Accord Agreement Pact
    Plan Strategy Policy Review Inquiry Investigation Tribunal Panel Forum Symposium
    Olympiad Tournament Classic Masters Invitational Trophy Medal Medals Prize Prizes
    Honours Honors Ceremony Gala Parade Carnival Fair Exhibition Biennale Fashion Harbour
    Harbor Dem Dems Democrats Republicans Guard Guards Loch Megastore Megastores"""
) - frozenset({"Bill"})

# Lowercase nouns that, just before a capitalised run, mark it as a company or team.
COMPANY_NOUNS = _ws(
    """firm company group maker makers supplier operator giant provider retailer carrier
    bank insurer manufacturer producer publisher broadcaster network chain brand carmaker
    airline consortium conglomerate studio label agency regulator watchdog club side team
    outfit rivals rival's subsidiary unit division startup start-up website site service
    newspaper paper magazine tabloid broadsheet channel station programme show band
    organisation organization charity institute university college school hospital
    utility exchange index fund funds lender lenders miner chipmaker automaker
    distributor exporter importer developer developers store stores"""
)

# Lowercase role nouns that, just before a capitalised run, mark it as a person.
ROLE_NOUNS = _ws(
    """chairman chairwoman chair chief executive director spokesman spokeswoman spokesperson
    minister secretary president official officer boss leader founder co-founder analyst
    economist professor author writer novelist poet producer actor actress singer
    songwriter star comedian presenter host sculptor artist painter photographer designer
    guitarist drummer bassist pianist violinist composer conductor dancer ballerina
    choreographer player striker midfielder defender goalkeeper keeper winger forward
    captain coach manager champion runner sprinter hurdler athlete jumper vaulter thrower
    decathlete heptathlete walker cyclist swimmer boxer golfer driver rider jockey trainer
    psychologist psychiatrist lawyer solicitor barrister judge doctor surgeon nurse
    correspondent editor reporter journalist columnist critic broadcaster commentator
    chancellor envoy ambassador diplomat senator governor mayor mp councillor candidate
    teammate team-mate compatriot compatriots colleague wife husband son daughter brother
    sister father mother uncle aunt cousin grandson granddaughter grandfather grandmother
    friend girlfriend boyfriend fiancee fiance widow victim suspect teenager substitute
    veteran businessman businesswoman magnate tycoon billionaire millionaire entrepreneur
    investor banker scientist researcher expert consultant head chief premier king queen
    prince princess dictator general commander colonel lieutenant sergeant soldier
    activist campaigner protester dissident rebel cleric imam priest bishop archbishop
    pope rabbi monk nun inventor engineer architect chef historian philosopher
    spokesman aide adviser advisor assistant deputy lawmaker legislator congressman
    congresswoman mogul magnate heir heiress widower singer-songwriter rapper dj model
    supermodel filmmaker film-maker screenwriter playwright director-general
    vice-president vice-chairman treasurer chancellor detective inspector investigator
    prosecutor attorney defendant plaintiff witness referee umpire official holder
    winner runner-up finalist medallist medalist opponent skipper batsman bowler
    spinner opener all-rounder wicketkeeper fly-half scrum-half hooker prop lock flanker
    centre wing full-back fullback stand-off quarterback pitcher catcher shortstop
    starring featuring impresario counterpart owner co-owner tennis-player star's chief's
    economist's manager's coach's boss's frontman frontwoman vocalist lead-singer
    keyboardist saxophonist trumpeter cellist soprano tenor baritone coordinator
    co-ordinator negotiator administrator organiser organizer curator publicist agent
    lobbyist strategist pollster goalscorer scorer marksman debutant guest co-host
    panellist panelist interviewee creator"""
)

SPEECH_VERBS = _ws(
    """said says say told tell tells telling added adds explained explains warned warns
    admitted admits argued argues insisted insists claimed claims reported reports revealed
    reveals stated states noted notes commented comments confirmed confirms denied denies
    announced announces acknowledged acknowledges believes believe suggested suggests wrote
    writes asked asks replied replies urged urges predicted predicts estimated estimates
    concluded concludes conceded concedes disputed disputes recalled recalls described
    describes quipped declared declares maintained maintains stressed stresses alleged
    alleges testified testifies responded responds cautioned cautions agreed agrees"""
)

FUNCTION_WORDS = _ws(
    """A An The This That These Those It Its I We You He She They His Her Their Our My Your
    In On At By For From With Without Of To Into Onto Over Under After Before Since Until
    While During Despite Although Though Because As If When Where Why How What Which Who
    Whom Whose And But Or Nor So Yet Also Then Now Not No Yes Some Many Most More Much Few
    All Any Each Every Both Either Neither One Two Three Four Five Six Seven Eight Nine Ten
    First Second Third Last Next Other Another Such Only Just Even Still However Meanwhile
    Instead Indeed Moreover Furthermore Nevertheless Nonetheless Here There Why Let Please
    Are Is Was Were Be Been Being Has Have Had Do Does Did Will Would Can Could Should May
    Might Must Shall Up Down Out Off Away Back Again Very Well Sadly Overall Already Almost
    About Above Across Against Along Among Around Behind Below Beneath Beside Between Beyond
    Inside Outside Through Throughout Toward Towards Upon Within Via Per Like Unlike Amid
    Than Whether Whatever Whoever Whichever Wherever Whenever Al El"""
) - frozenset({"Al", "El"})

PARTICLES = ("de", "del", "della", "der", "di", "da", "du", "des", "la", "le", "van", "von",
             "den", "ter", "ten", "bin", "bint", "ibn", "al", "dos", "das", "y")

# Multi-word names of companies and places that look like people.
_NOT_PEOPLE_RAW = (
    """Aston Martin|John Lewis|Marks Spencer|Warner Bros|Morgan Stanley|Goldman Sachs|
    Merrill Lynch|Dow Jones|Ernst Young|Procter Gamble|Johnson Johnson|Harley Davidson|
    Rolls Royce|Mercedes Benz|Tommy Hilfiger|Calvin Klein|Ralph Lauren|Louis Vuitton|
    Christian Dior|Hugo Boss|Walt Disney Co|Charles Schwab|Hewlett Packard|Alfa Romeo|
    Lloyds TSB|Abbey National|Jimmy Choo|Ted Baker|Paul Smith Ltd|Laura Ashley|Dolce Gabbana|
    Hilton Hotels|Jack Daniels|Ben Jerry|Tate Britain|Tate Modern|Victoria Beckham Ltd|
    Deutsche Telekom|Deutsche Bank|Jamie Oliver Ltd|Lemony Snicket|Harry Potter|
    James Bond|Father Christmas|Santa Claus|Uncle Sam|Big Ben|Notre Dame|Monte Carlo|
    Costa Rica|Puerto Rico|San Marino|Santa Monica|Santa Barbara|Santa Clara|Santa Cruz|
    Los Angeles|Las Vegas|San Francisco|San Diego|San Jose|El Salvador|Buenos Aires|
    Hong Kong|Sri Lanka|Sierra Leone|Burkina Faso|Kim Il Sung Square|Grand Prix|
    Wall Street|Downing Street|Whitehall|Scotland Yard|Capitol Hill|White House|
    Dirty Den|Sun Grid|Skype Out|Skype In|Sky Plus"""
)
NOT_PEOPLE = frozenset(" ".join(s.split()) for s in _NOT_PEOPLE_RAW.split("|"))

# Organisations often named bare, which speak as sources ("the Pentagon said").
KNOWN_ORGS = _ws(
    """Pentagon Kremlin Navy Army Congress Parliament Senate Treasury Interpol Nato NATO
    UN EU Fifa Uefa Wada IAAF IOC FBI CIA NSA KGB MI5 MI6 Ofcom Ofwat Ofgem Opec OPEC IMF
    WHO WTO Unicef Unesco Nasa NASA Vatican Hamas Hezbollah Taleban Taliban Amnesty
    Greenpeace Oxfam Microsoft Apple Google Sony Nintendo Nokia Siemens Ericsson Motorola
    Vodafone Intel IBM Amazon Facebook Twitter Yahoo Skype Samsung Huawei Toyota Honda
    Boeing Airbus Tesco Sainsbury Sainsbury's Barclays HSBC Shell BP Umbro Nike Adidas
    Reebok Puma Gucci Prada Chelsea Arsenal Liverpool Everton Celtic Rangers Middlesbrough
    Charlton Fulham Tottenham Newcastle Sunderland Portsmouth Southampton Labour Tories
    Conservatives Whitehall Downing Commons Lords Scotland Wales England Ireland Britain"""
)
EXTRA_COUNTRIES = _ws("Britain England Scotland Wales Ireland Europe Asia Africa America Syria")
# Nouns after "X's" / "X" that mark X as a person ("Trump's comments", "Modi government").
PERSON_AFTER = _ws(
    """administration government govt cabinet campaign presidency premiership era regime
    aides aide camp allies ally wife husband son daughter mother father
    brother sister family lawyer lawyers attorney comments remarks speech tweets tweet
    decision invitation demands ban visit counterpart successor predecessor
    career death birthday funeral interview memoir biography"""
)
EXTRA_PLACES = _ws(
    """Britain England Scotland Wales Ireland Ulster Europe Asia Africa America Americas
    Antarctica Arctic Caribbean Balkans Scandinavia Siberia Crimea Kashmir Tibet Gaza
    Palestine Kurdistan Catalonia Flanders Bavaria Westminster Whitehall Brussels
    Hollywood Bollywood Holland Persia Caracas Venezuela Idlib Ariha Khayelitsha
    Croydon Gaydon Colchester Windsor Erfurt Stuttgart Spala Limerick Waterford Leuven
    Varanasi Wuhan Ahmedabad Ostritz Saxony Brest Sochi Riyadh Amman Ankara Tehran"""
)
