"""Every word list quote attribution reads, in one place.

Cue verbs and their idioms, reporting nouns, titles and honorifics, gendered words, pronouns,
and the small words the quote-mark reader needs. Lists are lower case; a list is data, the
rules that read it are in `briefer.extract.quotes.rules`. The quote code reads no month names
(a date inside a subject is recognised by its entity type, DATE or TIME).
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A lexicon from a whitespace-separated list."""
    return frozenset(text.split())


# --- cues ------------------------------------------------------------------------------------

CUES = words("""
    say tell add state note explain write claim argue insist declare announce warn urge call
    describe cite welcome ask answer reply respond suggest conclude acknowledge admit allege
    assert contend comment complain confirm deny emphasize emphasise stress predict promise
    recall remark report tweet post joke quip vow pledge observe mention testify repeat reiterate
    concede boast praise criticize criticise blast slam accuse label dub brand term proclaim
    exclaim shout yell chant read quote caution lament counter maintain reason recount
    recommend demand threaten scoff muse wonder question decry denounce hail laud thank
    opine advise plead continue sing liken compare condemn exhort dismiss put agree blame
    reference type characterize characterise
""")
TALKING = words("speak talk rail rant go")  # cues only with a topic: "spoke of", "went on about"
TOPICS = words("about of against")
SAID = words("said says told")
TARGETED = words("""
    call describe label dub brand term accuse criticize criticise blast slam praise hail
    laud condemn denounce decry dismiss blame liken compare thank urge warn characterize
    characterise
""")  # passive: the subject is who is called, urged, warned; the speaker is the agent
REPORTING = words("""
    say tell add state note explain write claim argue insist declare announce warn
    report confirm predict acknowledge admit allege assert contend emphasize stress
    suggest concede maintain testify tweet post reiterate recall caution
""")
SUBORDINATORS = words("when after before because while if since until although though")
CLAUSE_MARKS = SUBORDINATORS | words("as whereas")  # open a clause with a subject of its own
CLAIMS = words("""
    claim statement assertion comment remark promise pledge warning argument suggestion
    insistence contention accusation allegation description prediction vow boast
""")
NAMED_OWNERS = ("PERSON", "ORG", "NORP", "GPE")

# --- who can speak -----------------------------------------------------------------------------

TITLES = words("""
    mr mr. mrs mrs. ms ms. dr dr. sen sen. senator rep rep. representative gov gov. governor
    president vice prime minister secretary ambassador general gen. judge justice mayor chairman
    chairwoman chair speaker leader attorney candidate nominee former sir lord lady lt. col.
    capt. sgt. adm. rev. prof. professor deputy
""")
# words that may stand before a name the text gives ("Spokesperson Tammy Bruce", "PM Modi")
# without heading a title a name hangs on ("a spokeswoman for Hillary Clinton")
NAME_TITLES = TITLES | words("spokesperson spokesman spokeswoman pm")
NAMED = ("PERSON", "ORG", "NORP", "GPE", "FAC")
DOCUMENTS = words("""
    statement letter notice report memo release email message document paper study survey poll
    filing complaint lawsuit ruling opinion speech video tweet post ad advertisement book article
    editorial column
""")
SPEAKING = DOCUMENTS | words("""
    order interview campaign spokesman spokeswoman spokesperson official officials aide aides
    source sources analyst analysts expert experts group groups committee agency department
    ministry office
""")
AUTHORING = words("deliver give write issue release publish send post sign file pen tweet present")

# --- pronouns ----------------------------------------------------------------------------------

SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE = {"who", "that", "which", "whom"}
FIRST_PERSON = {"i", "we", "me", "us", "you"}
PERSONAL_PRONOUNS = {"he", "him", "she", "her", "they", "them", "it"}
PERSONAL = {"he": "person", "him": "person", "she": "person", "her": "person",
            "they": "group", "them": "group", "it": "thing"}  # what each stands for

# --- gender ------------------------------------------------------------------------------------

MALE_WORDS = words("""
    mr mr. mister sir lord king prince father brother son husband widower spokesman chairman
    congressman businessman assemblyman councilman uncle nephew grandfather boyfriend
""")
FEMALE_WORDS = words("""
    mrs mrs. ms ms. miss madam madame dame lady queen princess mother sister daughter wife
    widow spokeswoman chairwoman congresswoman businesswoman assemblywoman councilwoman aunt
    niece grandmother girlfriend actress
""")
# nouns for a person the text does not name, whom a he/she may stand for ("One resident ...
# He said")
PERSON_NOUNS = MALE_WORDS | FEMALE_WORDS | words("""
    resident witness official officer man woman villager farmer soldier doctor nurse analyst
    diplomat aide lawyer activist survivor teacher student worker driver fisherman protester
    refugee employee commander guard spokesperson
""")
HONORIFICS = words("mr mr. mrs mrs. ms ms. miss mister sir lord lady dame madam madame king queen "
                   "prince princess")  # may open a name itself; "Son" may be a surname
GENDERED_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                     "she": "f", "her": "f", "hers": "f", "herself": "f"}
ROLE_ENDS = words("of to for at with in on from by under who which that and")

# --- punctuation and quote marks ---------------------------------------------------------------

DATELINE_DASHES = ("--", "—", "–", "―")
ELISIONS = ("em", "til", "tis", "twas", "cause", "n", "round")  # ’em, ’til: apostrophes
ABBREVIATIONS = words("mr mrs ms dr st sen rep gov gen lt col capt sgt jr sr no inc "
                      "corp co vs prof rev adm maj cmdr ft mt")
WORKS = words("""
    book show song film movie album episode program programme series anthem column article
    play novel documentary podcast forum speech hymn poem report
""")  # a Title Case span after one of these is its title, not something said
SMALL_WORDS = words("a an the of in on at to for and or but is with by from vs")
