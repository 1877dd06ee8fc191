"""The attribution rules, in the order they are tried: the one place that order is decided.

Each table is tried top to bottom and the first rule that applies decides (`base.first`); a
repair table is applied in full, in order (`base.repaired`). Every rule has a name (the id
of its case in tests/test_quote_rules.py and of its row in `bench/quality_quotes.py
--by-rule`), a function and a made-up example, its speaker in [brackets].

A quoted span goes through `QUOTE`, or, alone in its sentences, `LONE`. A cue found there
goes through `CUE_SPEAKER` (a speech verb through `SUBJECT`, whose `parse-subject` climbs
from the cue with `CLIMB` and repairs the subject it finds with `REPAIRS`); the words found
are bound (`BINDING`) and named (`RESOLVE`). Each attribution carries the names of the rules
that decided it (`Attribution.rules`).
"""

from __future__ import annotations

from briefer.extract.quotes import framing, resolve, speaker
from briefer.extract.quotes.base import Rule

QUOTE = (
    Rule("dashed-after-name", framing.dashed_after_name,
         "among them the harbour chief [Lena Moor] -- ''We cannot wait'' -- and two owners"),
    Rule("governing-cue", framing.governing_cue,
         "[Rubio] said Hun Manet once described the deal as “a turning point”."),
    Rule("nearest-cue", framing.nearest_cue,
         "a clip of [Castell] saying at the rally, “That keeps our harbour open.”"),
    Rule("dash-name", framing.dash_name, "“The ceasefire is our best hope.” ― [Maria Lopez]"),
    Rule("cue-after", framing.cue_after, "“Why is this base closed?” [Rubio] demanded."),
    Rule("colon-cue", framing.colon_cue, "[Pete Hegseth] told reporters: “We agreed.”"),
    Rule("colon-subject", framing.colon_subject, "[Poling] continued: “It is symbolic.”"),
)

LONE = (
    Rule("cue-before", framing.cue_before, "[Poling] said so. “The port is open.”"),
    Rule("subject-before", framing.subject_before,
         "[Moor] gave the storms as her reason. “The wall will not last.”"),
    Rule("signed-paragraph", framing.signed_paragraph,
         "“The town is ours.” And as they say, “Ours alone.” ― [Maria Lopez]"),
    Rule("label-line", framing.label_line,
         "[Lena Moor], Harbour Master\n“We are not going to charge anyone.”"),
    Rule("continues", framing.continues, "“It is done,” [Peou] said.\n\n“Both gain.”"),
)

CUE_SPEAKER = (
    Rule("according-to", speaker.according_to,
         "according to a letter [Lena Moor] sent to the ferry owners"),
    Rule("quoted-as-saying", speaker.quoted_as_saying,
         "The Port Vell Herald quoted [Moor] as saying, “The quay is closed.”"),
    Rule("claim-owner", speaker.claim_owner, "[Moor]'s claim that the ferries carried “twice as many”"),
    Rule("speech-verb", speaker.speech_verb, "(the subject of a speech verb: `SUBJECT`)"),
)

SUBJECT = (
    Rule("beside-closing-mark", speaker.beside_closing_mark, "“It is fine,” said [Poling]."),
    Rule("name-before-participle", speaker.name_before_participle,
         "a clip of [Castell] saying, “That keeps our harbour open.”"),
    Rule("passive-agent", speaker.passive_agent,
         "Hun Sen has been called a “strongman” by [his critics]."),
    Rule("parse-subject", speaker.parse_subject, "(the climb from the cue: `CLIMB`)"),
    Rule("participle-subject", speaker.participle_subject,
         "[Mr. Orlov] hardly addressed it, ... when pressed, adding, ''We keep receipts.''"),
    Rule("clause-opening-name", speaker.clause_opening_name,
         "On Monday in Ostravia, [Lena Moor], the chair of the board, sharply told a farmer ..."),
    Rule("said-name", speaker.said_name, "And added [Chea Sophal]: “The door is open.”"),
)

CLIMB = (
    Rule("reporter-second-verb", speaker.reporter_second_verb,
         "[He] stressed that the port has “...” and dismissed the objections as “groundless”"),
    Rule("verb-subject", speaker.verb_subject,
         "[The BIS] says the rule “removes a barrier”; [Hun Sen] left after saying it was “a farce”"),
    Rule("by-agent", speaker.by_agent, "The line “...” was written by [the ministry]."),
    Rule("clause-head", speaker.clause_head,
         "[The embassy] issued a statement calling the charges “baseless”."),
    Rule("participle-after-relative", speaker.participle_after_relative,
         "[Orlov] lost his temper over a builder who said ..., saying, “Perhaps the paint was bad.”"),
)

REPAIRS = (
    Rule("dateline-subject", speaker.dateline_subject,
         "PORT VELL -- Harbour master [Lena Moor] said ... (dateline parsed as the subject)"),
    Rule("misread-noun", speaker.misread_noun,
         "expert [Gregory Poling] at the CSIS think tank said (“think” read as a verb)"),
    Rule("document-issuer", speaker.document_issuer,
         "a letter [Lena Moor] sent said (a document speaks for its author)"),
)

BINDING = (
    Rule("remark-maker", resolve.remark_maker,
         "[Lena Moor] made a remark that called the owners “harbour pirates”."),
    Rule("modified-noun", resolve.modified_noun,
         "“The border is open,” the Ostravian foreign [minister] said."),
    Rule("bound-pronoun", resolve.bound_pronoun,
         "[The Port Vell council] is fighting what they call “a campaign of lies”."),
)

RESOLVE = (
    Rule("first-person", resolve.first_person, "“It was fine,” I said. (no speaker)"),
    Rule("relative-antecedent", resolve.relative_antecedent,
         "A, B and [C], who joked that “...”"),
    Rule("noun-before-relative", resolve.noun_before_relative,
         "we went to [the Harbour Office] which reported “212 late ferries”."),
    Rule("pronoun", resolve.pronoun, "[Gregory Poling] spoke. “It is symbolic,” he said."),
    Rule("document-owner", resolve.document_owner,
         "The [harbour board]'s report stated that “...” (the owner of the document)"),
    Rule("titled-name", resolve.titled_name,
         "Ambassador to Cambodia [William Heidt] stated that ... (title parsed as the subject)"),
    Rule("title", resolve.title, "[The Secretary of State] warned that “...”"),
    Rule("proper-name", resolve.proper_name, "[Yang Peou] spoke. “...,” [Peou] said."),
    Rule("apposed-name", resolve.apposed,
         "In a short note, an aide, [Pavel Orlov], called it “a needless fight”."),
    Rule("noun-phrase", resolve.noun_phrase, "[Embassy spokesperson] said “...”"),
)

TABLES = {"QUOTE": QUOTE, "LONE": LONE, "CUE_SPEAKER": CUE_SPEAKER, "SUBJECT": SUBJECT,
          "CLIMB": CLIMB, "REPAIRS": REPAIRS, "BINDING": BINDING, "RESOLVE": RESOLVE}


def all_rules() -> list[Rule]:
    """Every rule of every table, in table order."""
    return [rule for table in TABLES.values() for rule in table]
