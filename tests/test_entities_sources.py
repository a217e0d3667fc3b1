"""The learned source decision (issue 11, item 2): candidates from the rules, outlets only
named and wider cues; the model keeps the ones a story draws on."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.entities import extract, source_model
from reader.entities.attribution import quoted_mask
from reader.entities.pipeline import people_and_rule_sources
from reader.entities.source_features import source_features
from reader.entities.source_model import candidates
from reader.entities.speakers import speakers
from reader.entities.speakers_after import speakers_after_cues


def _sources(text: str) -> list[tuple[str, str]]:
    return [(s.name, s.kind) for s in extract(text).sources]


def test_an_outlet_only_mentioned_is_not_a_source_but_one_that_reports_is() -> None:
    text = ("Trump rally\n\nThe New York Times has a long history in the city. Trump spoke "
            "at the rally and attacked The Washington Post. Supporters cheered. The crowd was "
            "large, CNN reported.")
    found = _sources(text)
    assert ("CNN", "outlet") in found
    assert not any(name in ("The New York Times", "The Washington Post") for name, _ in found)


@pytest.mark.parametrize(("text", "source"), [
    # a cue verb outside the patterns' list, judged by the model
    ("Turtles at risk\n\nScientists warn that the Malaysian populations of several species "
     "are threatened.", ("Scientists", "anonymous")),
    # a name, its role set off by commas, then the verb
    ("Games row\n\nParents must know what their children play. Roger Bennett, director "
     "general of the Entertainment and Leisure Software Publishers Association, said the "
     "ratings work.", ("Roger Bennett", "person")),
    # an embedded post's credit line
    ("Meth ad\n\nThe state spent a million dollars on it.\n\n— Dianna E. Anderson "
     "(@diannaeanderson) November 18, 2019\n\nSo the campaign went on.",
     ("Dianna E. Anderson", "person")),
    # an unlisted wire credit that says what it is, a dateline with no dash
    ("MLB talks\n\nCBC SPORTS ONLINE - Major League Baseball players and owners met.",
     ("CBC SPORTS ONLINE", "outlet")),
    ("US-China talks\n\nHong Kong (CNN Business) A muddled view of trade talks weighed on "
     "stocks.", ("CNN Business", "outlet")),
    # an unlisted paper after its article, credited after the claim
    ("Howard wins\n\nNobody is more pleased than Prime Minister John Howard, writes The "
     "Dominion Post in an editorial.", ("Dominion Post", "outlet")),
    # an outlet that reports with what it cites in between
    ("Grain\n\nBloomberg, citing the ministry's own projections, reported that exports "
     "would double.", ("Bloomberg", "outlet")),
    # a claim made "in" a paper; reports as a document
    ("Fraud claim\n\nThe claim was made in The Times on Saturday by a former director.",
     ("The Times", "outlet")),
    ("Plant shut\n\nMedia reports said the plant closed on Monday.",
     ("Media reports", "document")),
    # unnamed sources: people familiar with the talks; a capitalised plural at a start
    ("Budget\n\nTwo people familiar with the budget talks told Bloomberg that Varga had "
     "argued for cuts.", ("Two people familiar with the budget talks", "anonymous")),
    ("Deal talk\n\nCommentators say that a deal with Euronext would help the exchange.",
     ("Commentators", "anonymous")),
    # an outlet's journalist makes the outlet a source
    ("Bolivia\n\nAn Associated Press journalist in the area also reported hearing gunfire "
     "near the plant.", ("The Associated Press", "outlet")),
    # more outlets cited: told, seen or obtained by, a credit typed with two hyphens, "per"
    ("Kiev\n\nA doctor on the scene told Ruptly that he tried to save the man.",
     ("Ruptly", "outlet")),
    ("WeWork\n\nClaure said so in the email, which was seen by The Real Deal.",
     ("The Real Deal", "outlet")),
    ("Leak\n\nDocuments obtained by the Guardian show the plan.", ("The Guardian", "outlet")),
    ("Sleep\n\nReuters -- Lack of sleep can cause more than drowsiness.",
     ("Reuters", "outlet")),
    ("Sleep\n\nHealthDayNews -- Lack of sleep can cause more than drowsiness.",
     ("HealthDay", "outlet")),
    ("Talks\n\nThe deal is off, per Axios.", ("Axios", "outlet")),
    # an outlet named without "the" right after "told"; a sister paper is its own outlet;
    # a journalist of a listed outlet cites it
    ("Exit\n\nMyers told Variety: \"I am going to take some time.\"", ("Variety", "outlet")),
    ("Louvre\n\n\"We are delighted,\" an adviser told Observer.", ("The Observer", "outlet")),
    ("Virus\n\nHe had, according to Alex Horton of the Washington Post, eaten a rabbit.",
     ("The Washington Post", "outlet")),
    # unlisted papers named with what they are, and a credit line through a wire
    ("Justice\n\nAccording to the Spokesman-Review, she wanted to blend law and social work.",
     ("Spokesman-Review", "outlet")),
    ("Search\n\nPolice launched a search for the woman, OBSERVER ONLINE has learnt.",
     ("OBSERVER ONLINE", "outlet")),
    ("Justice\n\nKVELLER via JTA — The state has sworn in its first Native American justice.",
     ("KVELLER", "outlet")),
    ("Justice\n\nKVELLER via JTA — The state has sworn in its first Native American justice.",
     ("Jewish Telegraphic Agency", "outlet")),
    # a title's point is no end ("added Mr. Scott")
    ("Tourism\n\nPaul Scott runs the event. \"The money was spent here,\" added Mr. Scott.",
     ("Paul Scott", "person")),
    # an unlisted paper a claim is made in
    ("Budget\n\nA report in the Sunday Business claimed Mr Brown would take charge.",
     ("Sunday Business", "outlet")),
    # a name with its role around it: the name speaks
    ("Trial\n\nManafort's lawyer, Kevin Downing, told reporters that the case was weak.",
     ("Kevin Downing", "person")),
    ("Hack\n\nYesterday, Dr Ronald Walcott, managing director of Precision Cybertechnologies, "
     "a cyber security firm, said the attack was serious.", ("Ronald Walcott", "person")),
    ("Jobs\n\nMark Serwotka, the leader of the Public and Commercial Services Union said the "
     "cuts were wrong.", ("Mark Serwotka", "person")),
    ("Strikes\n\nIt could be a major confrontation, said BBC labour affairs correspondent "
     "Stephen Cape.", ("Stephen Cape", "person")),
    # an organisation source never takes in the headline; one found after a cue is named
    # without its article
    ("Case\n\nThe Foreign Office said it was aware of the case.",
     ("Foreign Office", "organization")),
    ("Plague\n\nThe disease is treatable, according to the WHO.", ("WHO", "organization")),
    # a country that speaks is an organisation source
    *[(f"Talks\n\n{country} said on Monday it would not accept the plan.",
       (country, "organization")) for country in ("China", "Russia", "Vietnam")],
])
def test_sources_found(text: str, source: tuple[str, str]) -> None:
    assert source in _sources(text)


def test_a_person_named_after_an_organisation_and_a_role_is_the_source() -> None:
    text = ("Corridor rules\n\nThe rules are still unwritten, according to EU Trade "
            "Commissioner Anneke Vos. The EU said it would act soon.")
    found = {s.name: s for s in extract(text).sources}
    assert found["Anneke Vos"].kind == "person"
    vos_sentence = (text.index("The rules"), text.index(" The EU"))
    assert found["Anneke Vos"].citations == [vos_sentence]
    assert vos_sentence not in found["EU"].citations


def test_a_role_noun_speaks_for_the_person_named_with_that_role() -> None:
    text = ("Shipping bill\n\nSen. Marcus Odell (R-Ala.) introduced a bill on Tuesday. The "
            "Alabama senator said the measure closes a loophole. The senator from Ohio was "
            "absent.")
    odell = [s for s in extract(text).sources if s.name == "Marcus Odell"]
    assert [s.kind for s in odell] == ["person"]
    said = text.index("The Alabama")
    assert any(a <= said < b for a, b in odell[0].citations)
    assert not any(s.kind == "anonymous" and "senator" in s.name for s in extract(text).sources)


def test_without_the_weights_file_only_the_patterns_sources_are_kept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Turtles at risk\n\nScientists warn that the turtles are threatened."
    monkeypatch.setattr(source_model, "source_weights", lambda: None)
    assert _sources(text) == []


def test_a_person_found_again_by_a_wider_cue_is_one_source_with_both_citations() -> None:
    text = ("Budget row\n\nJohn Smith said the budget was wrong. Later, John Smith, the "
            "shadow chancellor, argued that taxes would rise.")
    people = [s for s in extract(text).sources if s.kind == "person"]
    assert [p.name for p in people] == ["John Smith"]
    assert len(people[0].citations) == 2


def test_a_phrase_after_a_cue_never_carries_control_characters() -> None:
    """Found by the property test: "according to" then an escape sequence."""
    assert extract("according to\r\x1b[31m").sources == []
    assert _sources("Talks\n\nIt failed, according to \x1b[31mofficials\x1b[0m.") == []


@pytest.mark.parametrize(("text", "source", "person"), [
    # a body speaking after a name is not that person
    ("Baghdad fighting\n\nReuters - U.S. forces advanced into a suburb that is a powerbase "
     "for radical cleric Moqtada al-Sadr, the military said.", ("the military", "organization"),
     "Moqtada al-Sadr"),
    # a person named inside what another says is not a source
    ("Tractors\n\nUnion chairman Pavel Duric said Finance Minister Tomas Varga had agreed "
     "to meet a delegation. \"He can meet us now,\" Duric said.", ("Pavel Duric", "person"),
     "Tomas Varga"),
    # the spokesman speaks, not the person he speaks for
    ("Pensions\n\nDeputy Prime Minister John Prescott met union leaders. But a spokesman "
     "for Mr Prescott warned that the changes would have to go ahead in April.",
     ("a spokesman for Mr Prescott", "anonymous"), "John Prescott"),
])
def test_the_person_named_there_is_not_the_source(
        text: str, source: tuple[str, str], person: str) -> None:
    found = _sources(text)
    assert source in found
    assert (person, "person") not in found


@pytest.mark.parametrize(("text", "phrase", "kind"), [
    # a subject set off from its verb by an aside between commas or spaced dashes
    ("Brewers\n\nHeineken and Carlsberg, two of the world's largest brewers, have reported "
     "falling profits.", "Heineken", "name"),
    ("Airbus\n\nEADS - Airbus' majority owner - admitted earlier this week that the project "
     "was late.", "EADS", "name"),
    # a head noun before a participle, a document by its head before "from"
    ("Results\n\nWall Street analysts surveyed by Refinitiv were expecting $2 a share.",
     "Wall Street analysts surveyed by Refinitiv", "unnamed"),
    ("Oil\n\nPrices rose while a report from OPEC highlighted the threat of high prices.",
     "a report from OPEC", "document"),
    # a verb no hand-written list had, learned from annotated news
    ("Budget\n\nOpposition lawmakers decried the cuts as reckless.", "Opposition lawmakers",
     "unnamed"),
    # a document that a cue names after "in"
    ("Fainting\n\nI felt faint, wrote Martin Taylor, in a case study published Monday in the "
     "journal BMJ.", "a case study", "document"),
    # a relative clause: the phrase it refers to speaks
    ("Polls\n\nThese claims follow various opinion polls which suggest the Tories gained.",
     "various opinion polls", "document"),
    ("Launch\n\nSome consumers who sought help on launch day reported long waits.",
     "Some consumers who sought help on launch day", "unnamed"),
    # "with X saying", "citing X", a progressive cue, a past tense before "that"
    ("Dollar\n\nThe dollar fell, with some analysts saying this could indicate problems.",
     "some analysts", "unnamed"),
    ("Virus\n\nA man died, the news agency said, citing the regional health commission.",
     "the regional health commission", "unnamed"),
    ("Virus\n\nMichigan health authorities are reporting a sixth death.",
     "Michigan health authorities", "unnamed"),
    ("Europa\n\nFor many years, scientists have suspected that there is water on Europa.",
     "scientists", "unnamed"),
    # a quantifier alone ("many", "another"), a singular head ("one user")
    ("Virus\n\nThough the government has tried, many have voiced concerns.", "many",
     "unnamed"),
    ("Bird flu\n\nAnother reportedly said the flu was back.", "Another", "unnamed"),
    # a past tense that cues less often ("testified", 0.45 in PolNeAR) and a British
    # spelling of a learned cue
    ("Retrial\n\nA witness who knew the cell testified on Tuesday.",
     "A witness who knew the cell", "unnamed"),
    ("Reform\n\nThe plan was criticised by environmental groups.", "environmental groups",
     "unnamed"),
    # a present tense that cues less often, with its past tense learned too
    ("Trial\n\nSome senators worry that a trial will interfere.", "Some senators", "unnamed"),
    # a document a verb puts forward, read to its head
    ("Nanotech\n\nThe firm has released a detailed report that suggests spending will rise "
     "to $8.6bn this year, well above what most analysts had expected.", "a detailed report",
     "document"),
    ("Ally\n\nSaudi Arabia is citing the Sept. 11 commission report as proof.",
     "the Sept. 11 commission report", "document"),
    ("WeWork\n\nIn a company email sent by chairman Marcelo Claure, staff were told to go.",
     "a company email", "document"),
    # "quoted X as saying", a verb after "and" whose subject starts the sentence
    ("LSE\n\nA report had quoted an unnamed executive at Euronext as saying it would bid.",
     "an unnamed executive at Euronext", "unnamed"),
    ("Game\n\nPolice investigating the murder dismissed its influence and said the game "
     "was not part of it.", "Police investigating the murder", "unnamed"),
    # a headline that credits a document before a colon
    ("Study: IT workers more optimistic\n\nTheir confidence kept growing in July.", "Study",
     "document"),
    # a possessive after a preposition is inside the phrase
    ("Rates\n\nIt was a line that two officials in her office, speaking anonymously to "
     "Reuters, described as a rebuke.", "two officials in her office", "unnamed"),
    # a noun that ends like an adverb is no word between a speaker and its verb; "since" is
    ("Appeal\n\nThe family hopes the appeal will raise enough.", "The family", "other"),
    ("Dam\n\nTwo engineers have since claimed that the wall was cracked.", "Two engineers",
     "other"),
    # a state of mind, a wish, a comparison; a plural body noun
    ("Power\n\nSome economists are increasingly worried by the debt.", "Some economists",
     "unnamed"),
    ("Bank\n\nInvestors want the bank to pay a bigger dividend.", "Investors", "unnamed"),
    ("Merger\n\nUnions for the port staff in Hamburg have reportedly voiced concerns about it.",
     "Unions for the port staff in Hamburg", "unnamed"),
])
def test_wider_candidates(text: str, phrase: str, kind: str) -> None:
    found = [(text[s.start:s.end], s.kind) for s in speakers(text, loose=True)]
    found += [(text[s.start:s.end], s.kind) for s in speakers_after_cues(text)]
    assert (phrase, kind) in found


def test_a_headline_verb_in_capitals_is_no_learned_cue() -> None:
    assert not list(speakers("Speed Reads\n\nThe talks went on.", loose=True))


def test_a_regional_service_is_its_outlet_by_the_name_written() -> None:
    text = "Care sums\n\nThe minister told BBC Radio Scotland that the sums were right."
    [bbc] = [s for s in extract(text).sources if s.kind == "outlet"]
    assert (bbc.name, bbc.aliases) == ("BBC", ["BBC Radio Scotland"])


@pytest.mark.parametrize(("text", "phrase"), [
    ("Plague\n\nHe is the third case in the city, say officials.", "officials"),
    ("Plague\n\nAccording to the Centre for Disease Control (CDC) in the US, it is treatable.",
     "the Centre for Disease Control"),
    ("Waste\n\nThe plans have been branded \"deeply irresponsible\" by the Liberal Democrats.",
     "the Liberal Democrats"),
    ("Talks\n\nBEIJING (Reuters) - China battled on Wednesday to keep talks alive, saying it "
     "would go on.", "China"),
    # "per X"; an all-capitals name is no stop word ("WHO" is not "who")
    ("Plague\n\nYersinia pestis, per the WHO, is often found in small mammals.", "the WHO"),
    ("Plague\n\nThe disease is treatable, according to the WHO.", "the WHO"),
])
def test_more_phrases_after_cues(text: str, phrase: str) -> None:
    assert phrase in [text[s.start:s.end] for s in speakers_after_cues(text)]


def test_names_joined_by_and_before_a_verb_are_two_speakers() -> None:
    text = "Settlements\n\nThe United Nations and European Union stressed the change."
    found = [text[s.start:s.end] for s in speakers(text, loose=True)]
    assert found == ["The United Nations", "European Union"]


@pytest.mark.parametrize("text", [
    # the speaker of "said" is read already; no verb ends "The trouble began on the show"
    "Results\n\nThe news and data seller said the year began well, adding it expected more.",
    "Phone-ins\n\nThe trouble began on the Wright Stuff show, with a caller marching up to "
    "him, saying it was rubbish.",
])
def test_no_sentence_subject_for_a_participle_where_the_sentence_has_its_speaker(
        text: str) -> None:
    assert list(speakers_after_cues(text)) == []


def test_a_time_before_a_speaker_is_not_part_of_it() -> None:
    text = "Mining\n\nLast month Australia's competition watchdog said it would not object."
    assert [text[s.start:s.end] for s in speakers(text)] == ["Australia's competition watchdog"]


def test_a_document_and_the_participle_that_says_what_it_found() -> None:
    text = ("Care\n\nMinisters are committed despite research suggesting the cost was too low. "
            "China has denounced a Hong Kong court ruling declaring the ban unconstitutional.")
    found = [(text[s.start:s.end], s.kind) for s in speakers_after_cues(text)]
    assert found == [("research", "document"), ("a Hong Kong court ruling", "document")]


def test_a_publication_named_by_a_common_word_is_cited_when_it_goes_on_to_report() -> None:
    text = "Film\n\nFilming starts in May, showbusiness newspaper Variety reported."
    assert ("Variety", "outlet") in _sources(text)
    assert not [s for s in extract("Paper\n\nThe local newspaper Today is on sale.").sources
                if s.kind == "outlet"]


@pytest.mark.parametrize(("text", "phrase"), [
    ("Iraq\n\nBut the firm denied reports it was withdrawing completely from Iraq.",
     "reports"),
    ("Chelsea\n\nThere had been newspaper speculation that Santini had felt undermined.",
     "newspaper speculation"),
    ("LSE\n\nSeifert met Furse amid rumours the German group may raise its bid.", "rumours"),
    # court and agency papers that say something
    ("Ring\n\nOthers took part, the DOJ release states.", "the DOJ release"),
    ("Drugs\n\nThe complaint says the firm sold the drugs.", "The complaint"),
    # a paper whose content a "that" clause gives; claims that are a noun, not a verb
    ("Protest\n\nThey appealed against a High Court decision that the ban was lawful.",
     "a High Court decision"),
    ("Raid\n\nThe minister was asked about it following claims that troops had crossed.",
     "claims"),
    ("Games\n\nThe panel is also examining allegations that two sprinters avoided tests.",
     "allegations"),
])
def test_hearsay_is_a_document_candidate(text: str, phrase: str) -> None:
    """Reports denied, speculation, rumours amid which something happens: documents the
    source model weighs."""
    people, rule_sources = people_and_rule_sources(text)
    found = [(c.source.kind, c.source.name) for c in candidates(text, rule_sources, people)]
    assert ("document", phrase) in found


def test_claims_after_a_subject_are_a_verb_not_a_document() -> None:
    text = "Raid\n\nThe minister claims that troops had crossed."
    people, rule_sources = people_and_rule_sources(text)
    assert "claims" not in [c.source.name for c in candidates(text, rule_sources, people)]


@pytest.mark.parametrize("text", [
    "Fine\n\nIt was criticised by of reading the news.",
    "Pay\n\nThe owners have been accused by unions of awarding themselves big salaries.",
])
def test_a_passive_agent_ends_before_of_and_a_gerund(text: str) -> None:
    found = [text[s.start:s.end] for s in speakers_after_cues(text)]
    assert all(found) and ("unions" not in text or found == ["unions"])


def test_an_outlets_name_that_goes_on_to_name_a_firm_is_the_firm() -> None:
    text = "Beer\n\nAccording to Asahi Breweries, the market for beer-like drinks will grow."
    found = [(s.kind, s.name) for s in extract(text).sources]
    assert ("outlet", "The Asahi Shimbun") not in found


def test_a_body_named_with_for_and_a_month_before_it() -> None:
    text = ("Tax\n\nIn January the independent Institute for Fiscal Studies (IFS) said taxes "
            "would rise.")
    found = [(text[s.start:s.end], s.kind) for s in speakers(text, loose=True)]
    assert found == [("Institute for Fiscal Studies", "name")]


def test_a_described_name_before_a_listed_verb_is_no_wider_cue() -> None:
    text = ("Phones\n\nMotorola Inc., the world's second-largest mobile phone maker, said on "
            "Tuesday it expects strong sales.")
    assert [(text[s.start:s.end], s.loose) for s in speakers(text, loose=True)] == [
        ("Motorola Inc.", False)]


@pytest.mark.parametrize(("text", "outlet"), [
    # a broadcaster's service by the name written; a site named with its domain; a
    # publication that goes on to report in a relative clause; a feed's credit before a
    # city in capitals
    ("Visa\n\nMr Blunkett told BBC Radio Sheffield: \"I fell in love.\"",
     ("BBC", ["BBC Radio Sheffield"])),
    ("Films\n\nAccording to fan site MakingStarWars.net, rumors abound that it will return.",
     ("MakingStarWars.net", [])),
    ("Munn\n\nShe was noticed by Maxim magazine, which ranked her the 96th hottest woman.",
     ("Maxim", [])),
    ("Chess\n\n</b> US News, NEW YORK - A teenager became the youngest champion.",
     ("US News", [])),
])
def test_more_cited_outlets(text: str, outlet: tuple[str, list[str]]) -> None:
    assert outlet in [(s.name, s.aliases) for s in extract(text).sources if s.kind == "outlet"]


def test_a_date_in_a_dateline_is_no_outlet() -> None:
    text = "Marines\n\nWASHINGTON (Aug. 13) -- Declaring it at stake, Gates ordered a review."
    assert not [s for s in extract(text).sources if s.kind == "outlet"]


@pytest.mark.parametrize(("text", "found"), [
    ("Iran\n\nRussia's announcement that it will help Iran is raising questions.",
     [("Russia", "name")]),
    ("Tax\n\nThe minister's claim that taxes would not rise was wrong.",
     [("The minister", "unnamed")]),
    ("Growth\n\nIt is Apple Computer's strong view that it will grow.",
     [("Apple Computer", "name")]),
])
def test_the_owner_of_a_statement_that_says_something_speaks(
        text: str, found: list[tuple[str, str]]) -> None:
    assert [(text[s.start:s.end], s.kind) for s in speakers_after_cues(text)] == found


def test_someone_who_speaks_for_a_named_person_is_the_source_not_the_person() -> None:
    text = ("Bill\n\nAn aide to Senate Majority Leader Daniel Okafor, speaking on condition of "
            "anonymity, told Politico that a floor vote was possible.")
    found = [(s.kind, s.name) for s in extract(text).sources]
    assert ("anonymous", "An aide to Senate Majority Leader Daniel Okafor") in found
    assert ("person", "Daniel Okafor") not in found


def test_a_negated_speech_verb_credits_no_one() -> None:
    text = ("Bill\n\nPassage is far from certain. Senate Majority Leader Daniel Okafor has not "
            "said whether he will bring the bill to the floor.")
    assert [s.name for s in extract(text).sources if s.kind == "person"] == []


@pytest.mark.parametrize(("text", "phrase"), [
    ("Drought\n\nThe cuts will hurt, and an adviser to the energy ministry, who asked not to "
     "be named, told The Associated Press that plans were drawn up.",
     "an adviser to the energy ministry"),
    ("Drought\n\nIt is a gamble, in the words of one energy ministry official.",
     "one energy ministry official"),
])
def test_more_unnamed_phrases(text: str, phrase: str) -> None:
    people, rule_sources = people_and_rule_sources(text)
    assert phrase in [c.source.name for c in candidates(text, rule_sources, people)]


def test_a_sentence_is_one_citation_however_it_was_read() -> None:
    """(The bundled sample where "Marta Kolar x2" was shown for one citing sentence.)"""
    sample = Path(__file__).resolve().parents[1] / "reader/samples/articles/port-strike-ends.txt"
    sources = extract(sample.read_text(encoding="utf-8")).sources
    assert [len(s.citations) for s in sources if s.name == "Marta Kolar"] == [1]
    for src in sources:
        assert all(not (a < d and c < b) for i, (a, b) in enumerate(src.citations)
                   for c, d in src.citations[i + 1:])


@pytest.mark.parametrize("text", [
    "Games\n\nSales have tripled since launch, said market analysts Chart-Track.",
    "Virus\n\nMonitoring firm Chart-Track analysed the sites and found that many were slow.",
])
def test_a_firm_named_after_what_it_is_speaks_by_its_name(text: str) -> None:
    found = [(text[s.start:s.end], s.kind) for s in speakers(text, loose=True)]
    found += [(text[s.start:s.end], s.kind) for s in speakers_after_cues(text)]
    assert ("Chart-Track", "name") in found


def test_an_event_that_shows_something_is_no_speaker() -> None:
    text = "Port\n\nAn 11-day dock strike showed how fragile the port's labor peace is."
    assert list(speakers(text, loose=True)) == []


def test_a_source_reported_as_saying_is_a_candidate() -> None:
    text = "Exchange\n\nJobs would go, the news agency reports a union source as saying."
    people, rule_sources = people_and_rule_sources(text)
    found = [(c.source.kind, c.source.name) for c in candidates(text, rule_sources, people)]
    assert ("anonymous", "a union source") in found


def test_a_document_is_its_own_source_whoever_it_names() -> None:
    text = ("WeWork\n\nMarcelo Claure is the chairman. In a company email sent by chairman "
            "Marcelo Claure, staff were told that layoffs will begin this week.")
    people, rule_sources = people_and_rule_sources(text)
    found = [(c.source.kind, c.source.name) for c in candidates(text, rule_sources, people)]
    assert ("document", "a company email") in found


@pytest.mark.parametrize("text", [
    "Liberty\n\nIt goes against the rights of individual liberty I hope this will be stopped.",
    "Cards\n\nBut I suggest we move one step further.",
    "Cards\n\nWhat of those who argue that the cards work?",
    "Cards\n\nWhilst I agree with the aim, the cards will not work.",
    # a time word is no speaker
    "Eviction\n\nThe singer, who left on Friday, afterwards said: \"I am so happy.\"",
    "Hunt\n\nTwo loggers heard the shot but cannot say how it happened.",
])
def test_the_writer_or_a_question_is_no_speaker(text: str) -> None:
    found = [text[s.start:s.end] for s in speakers(text, loose=True)]
    assert not [f for f in found
                if f.split()[0] in ("I", "What", "Whilst", "afterwards", "cannot")], found


def test_a_spokesperson_for_a_named_body_is_the_unnamed_source() -> None:
    text = ("Arrest\n\nA spokesperson for the San Francisco Police Department said he may "
            "have been detained.")
    assert _sources(text) == [
        ("A spokesperson for the San Francisco Police Department", "anonymous")]


def test_a_possessive_starts_a_speaker_after_a_verb() -> None:
    text = "Family\n\nShe told her father said no."
    assert [text[s.start:s.end] for s in speakers(text, loose=True)] == ["her father"]


def test_a_wider_cue_under_a_negation_gives_no_speaker() -> None:
    text = ("Bill\n\nThe World Shipping Forum, which represents the largest lines, has not "
            "publicly opposed the bill.")
    assert not list(speakers(text, loose=True))


@pytest.mark.parametrize(("text", "source"), [
    ("Race\n\nBarack Obama spoke. The Obama administration said no.",
     ("The Obama administration", "organization")),
    ("Race\n\nDonald Trump spoke. The Trump campaign said no.",
     ("The Trump campaign", "organization")),
    ("Race\n\nSenator Jane Doe spoke. His office said no.", ("His office", "anonymous")),
])
def test_a_body_named_after_a_person_speaks_for_itself(
        text: str, source: tuple[str, str]) -> None:
    found = _sources(text)
    assert source in found
    assert not [name for name, kind in found if kind == "person"]


def test_a_speaker_after_its_verb_at_a_clause_end_is_a_feature() -> None:
    text = "Apple\n\nThe ban could cost Apple 5% of its sales, says an analyst."
    people, rule_sources = people_and_rule_sources(text)
    [analyst] = [c for c in candidates(text, rule_sources, people)
                 if c.source.name == "an analyst"]
    feats = source_features(text, analyst.source, analyst.origin, quoted_mask(text))
    assert "verb_before_clause_end" in feats
    said = "Apple\n\nHe says an analyst must be wrong."
    people, rule_sources = people_and_rule_sources(said)
    assert not [f for c in candidates(said, rule_sources, people)
                for f in source_features(said, c.source, c.origin, quoted_mask(said))
                if f == "verb_before_clause_end"]


def test_a_quotation_before_said_and_its_speaker_is_a_feature() -> None:
    text = ('Lake\n\n"That is a city, not rural recreation," said someone at the meeting.')
    people, rule_sources = people_and_rule_sources(text)
    [someone] = [c for c in candidates(text, rule_sources, people)
                 if c.source.name == "someone at the meeting"]
    assert "quote_verb_before" in source_features(text, someone.source, someone.origin,
                                                  quoted_mask(text))


def test_an_outlet_in_a_longer_name_is_not_cited_by_its_member() -> None:
    text = ('United\n\n"We do not want him," said Mark Longden of the Independent Manchester '
            "United Supporters' Association.")
    assert not [s for s in extract(text).sources if s.kind == "outlet"]


def test_an_infinitive_is_no_finite_cue() -> None:
    text = "Forum\n\nA spokesperson for the forum declined to say more."
    found = [text[s.start:s.end] for s in speakers(text, loose=True)]
    assert found == ["A spokesperson for the forum"]


@pytest.mark.parametrize(("text", "credited"), [
    ("Race\n\nJohn Smith was charged. His lawyer said he was innocent.", False),
    ("Race\n\nJohn Smith spoke. \"We will win,\" said he.", True),
])
def test_said_he_credits_the_person_only_when_inverted(text: str, credited: bool) -> None:
    assert (("John Smith", "person") in _sources(text)) is credited


def test_a_speakers_phrase_stops_at_said() -> None:
    said = "Cuts\n\nOfficials said analysts had warned of it."
    assert [name for name, _ in _sources(said)] == ["Officials"]


def test_an_unnamed_source_is_mentioned_wherever_the_story_names_it() -> None:
    text = ("Talks\n\nAnalysts said the talks would fail. The talks began on Monday, and "
            "analysts watched closely. Some U.S. analysts disagreed.")
    src = next(s for s in extract(text).sources if s.name == "Analysts")
    assert [text[a:b] for a, b in src.mentions] == ["Analysts", "analysts"]


@pytest.mark.parametrize(("text", "source"), [
    ("Drought\n\nThe energy ministry said prices would rise.", ("The energy ministry",
                                                               "organization")),
    ("Space\n\nJapan's space agency said the probe landed.", ("Japan's space agency",
                                                             "organization")),
    ("Court\n\nA court said the ban was lawful.", ("A court", "anonymous")),
    ("Riot\n\nThe police said two men were held.", ("The police", "anonymous")),
])
def test_a_body_the_story_names_by_a_common_noun_is_an_organisation(
        text: str, source: tuple[str, str]) -> None:
    # The labelled sets count "the firm", "the government" as organisations 55 times to
    # 20 (and those 20 are "a court", "an environmental group", the police ...); a user
    # test read "A" for "the energy ministry said".
    assert source in _sources(text)


def test_what_an_outlet_is_may_come_between_its_name_and_its_verb() -> None:
    text = ("Liverpool\n\nReal Madrid are reported to have bid for the striker. But the "
            "Liverpool Echo newspaper has said the manager will avoid a bidding war.")
    assert ("Liverpool Echo", "outlet") in _sources(text)


@pytest.mark.parametrize(("text", "outlet"), [
    ("Banks\n\nThe law \"has achieved remarkable success,\" as the New York Times put it on "
     "Tuesday.", "The New York Times"),
    ("UAE joins winners\n\nABU DHABI, 18 Aug. 04 (WAM) -- A UAE paper said today that the "
     "sheikh won.", "WAM"),
    ("Christie\n\nIn an interview with PolitickerNJ.com published this morning, Doherty "
     "called Christie a failed governor.", "PolitickerNJ.com"),
])
def test_outlets_cited_as_put_it_in_a_dated_dateline_and_by_domain(text: str,
                                                                   outlet: str) -> None:
    # From gold_fresh17 and 18's misses, after their first scoring.
    assert (outlet, "outlet") in _sources(text)
