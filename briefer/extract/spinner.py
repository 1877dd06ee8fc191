"""A synonym spinner's swaps: the shapes one common rewriting tool leaves in the copies of wire
stories that autoblogs publish, whatever the topic ("got here to energy" for "came to power",
"well being company" for "health agency"). Each is a phrase careful prose does not write."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

Anomaly = tuple[int, int, str]

# What synonym spinners write for common words, whatever the topic: "got here" (came), "turn out
# to be" (become), "international locations" (countries), "final 12 months" (last year), "extra"
# (more), "earlier than" (before), "proper" (right), "up to date" (updated), "three hundred and
# sixty five days" (year), "would possibly perhaps" (might), "we agree with taken" (we have taken),
# "undercover agent forward" (look forward), "be half of me" (join me), "their of us" (their
# people). Each shape is one that careful prose does not use in that position.
SPINNER_PHRASES = re.compile(
    r"\bgot here (?:to|from|in|at|on|after|with|throughout|underneath|below)\s+"
    r"(?:energy|workplace|the|a|an|[a-z]+ing)\b"
    r"|\b(?:two|three|four|five|six|the|many|different|a number of|several|neighbouring|neighboring|african|"
    r"asian|european|arab|western|member|these|these two|each) international locations\b"
    r"|\bfinal (?:12 months|yr|\d+ (?:years|months|weeks))\b(?! (?:of|in|at|on|before|until|to))"
    r"|\b(?:won|received)[’']?t turn out to be\b|\breceived[’']t\b"
    r"|\bextra (?:particulars|info|data|element|details)\b|\blook ahead to\b"
    r"|\b(?:a day|months|weeks|days|years|shortly|simply) earlier than (?:the |a |[A-Z])"
    r"|\bproper (?:forward|now|after|earlier than|here)\b|\bsimply (?:months|weeks|days|hours) (?:after|earlier than)\b"
    r"|\b(?:Final|Last) Up to date\b|\bFinancial Neighborhood\b|\bin the direction of higher\b"
    r"|\boverseas (?:minister|ministry|affairs minister)\b|\bnationwide safety\b|\bSafety Council\b"
    r"|\b(?:Supreme |Worldwide |Felony )?Court docket of\b|\bSupreme Court docket\b|\b1000's\b"
    r"|\bWorldwide (?:Court|Financial Fund|Felony)\b|\bworldwide (?:legislation|regulation)\b"
    r"|\bas a substitute\b(?! for)|\bby the tip of\b"
    r"|\bthree hundred and sixty five days\b|\b(?:would|could|may|might) possibly perhaps\b"
    r"|\b(?:we|they|you|I) agree with (?:taken|been|made|had|seen|done|reached|signed|received|given)\b"
    r"|\bundercover agent (?:forward|at|into|for)\b|\bbe half of (?:me|us|them)\b"
    r"|\b(?:their|our|your) of us\b"
    # "health agency/ministers" -> "well being company/ministers", "World Health Organization" ->
    # "World Health Group", "State Department" -> "State Division", "via Getty Images" -> "by way
    # of Getty Photographs", "email" -> "e mail", "without" -> "with out", "called on" -> "known as
    # on", "to better prepare" -> "to raised put together", "in the wake" -> "within the wake",
    # "the other member states" -> "the opposite member states", "words of support" -> "phrases of
    # assist", "final stages" -> "ultimate levels"
    r"|\bwell being (?:company|companies|ministers?|ministry|officers|officials|system|methods|care|group"
    r"|organi[sz]ation|emergenc(?:y|ies)|disaster|employees|staff)\b"
    r"|\bWorld (?:Health|Well being|Commerce|Trade) Group\b|\bthe State Division\b"
    r"|\bGetty Photographs\b|\bby way of Getty\b|\ban? e mail\b"
    r"|\bwith out (?:opposition|delay|a vote|any|objection|warning|discover|permission)\b"
    r"|\bknown as on (?:him|her|them|the|all|each|every|[A-Z]\w*) (?:\w+ )?to\b"
    r"|\bto raised (?:stop|put together|reply|perceive|defend|shield|deal|deal with|serve|assist)\b"
    r"|\bwithin the wake of\b|\bthe opposite (?:member|members|nations|leaders|events|candidates)\b"
    r"|\bphrases of (?:assist|help|solidarity|condolence)\b|\bultimate levels\b"
    # "martial law" -> "martial regulation", "National Assembly" -> "Nationwide Meeting", "ruling
    # party" -> "ruling get together", "People Power Party" -> "... Social gathering", "his term" ->
    # "his time period", "the rights office" -> "the rights workplace", "last summer" -> "final summer
    # time", "security forces" -> "safety forces", "intelligence agencies" -> "intelligence
    # companies", "would amount to" -> "would quantity to", "for yourself" -> "for your self",
    # "international airport" -> "worldwide air-port", "internal crisis" -> "inner disaster"
    r"|\bmartial regulation\b|\bNationwide Meeting\b|\b(?-i:[A-Z]\w+ Social gathering)\b"
    r"|\b(?:ruling|opposition|governing|political) get together\b|\bget together (?:members|leaders?|chief)\b"
    r"|\b(?:his|her|their|second|third|presidential|[a-z]+-year) time period\b"
    r"|\b(?:rights|press|[\w-]+-based) workplace\b|\bfinal summer time\b"
    r"|\bsafety forces\b|\bintelligence companies\b|\b(?:would|could|may|might|to) quantity to\b"
    r"|\bfor your self\b|\bworldwide air-?port\b|\binner disaster\b"
    # "vision" -> "imaginative and prescient", "how to" -> "easy methods to", "death toll" -> "loss of
    # life toll", "as much as" -> "as a lot as", "medical care" -> "medical look after", "in office"
    # -> "in workplace", "financial relief" -> "monetary reduction", "charred bodies" -> "charred our
    # bodies", "full faith and credit" -> "complete religion and credit score"
    r"|\bimaginative and prescient\b|\b(?:of|on|know|learn|discover|determine) easy methods to\b"
    r"|\bloss of life tolls?\b|\bas a lot as (?=[$€£\d]|(?:one|two|three|four|five|ten|half)\b)"
    r"|\b(?:medical|well being|health) look after\b"
    r"|\b(?:stay|remain|keep|preserve|day|days|years?|term|time) in workplace\b|\bmonetary reduction\b"
    r"|\b(?:charred|burnt|burned|lifeless|mutilated|unidentified) our bodies\b|\breligion and credit score\b"
    # a possessive's apostrophe set off by spaces ("the Philippines ‘ criticism")
    r"|(?<=[a-z]s) ‘ (?=[a-z])",
    re.I)


def spinner_phrases(doc: Doc) -> Iterator[Anomaly]:
    """Word swaps a synonym spinner makes ("got here to energy" for "came to power"): each
    distinct phrase once."""
    seen: set[str] = set()
    for m in SPINNER_PHRASES.finditer(doc.text):
        key = m.group().casefold()
        if key not in seen:
            seen.add(key)
            yield m.start(), m.end(), "a synonym spinner's word swaps"
