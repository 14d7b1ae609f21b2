"""Sentence fragments for the benchmark corpus, and the rules that join them.

A sentence is a template with slots (``{org}``, ``{role}``, ``{pct}``...);
`fill` resolves each slot from the item's own context (its place, its
organisations) or by a choice from `SLOTS`. Every choice goes through the
`random.Random` it is given, so the same seed gives the same text.
"""

from __future__ import annotations

import random
import re


def _lines(text: str) -> tuple[str, ...]:
    """One entry per line; an indented line continues the one before."""
    text = re.sub(r"\n[ \t]+", " ", text)
    return tuple(line.strip() for line in text.strip().split("\n") if line.strip())


PLACE_START = _lines(
    """
Ash Bram Calder Dun Elm Fair Glen Harrow Ivy Kings Lang Mill Nor Oak Pen Red Stan Thorn Wick Wood
Brack Col Hart Lyn Mar Ot Pid Rother Sel Tam Wen Yel
""".replace(" ", "\n")
)
PLACE_END = _lines(
    """
field brook ley ton bury ford ham wick mouth dale worth by stead minster well cross
""".replace(" ", "\n")
)

ORGANISATION = _lines("""
{place} City Council
{place} Borough Council
{place} County Council
{place} Metropolitan Borough Council
{place} Police
{place} Integrated Care Board
{place} Community Health NHS Trust
{place} and District Clinical Services
{place} Fire and Rescue Service
{place} Homes
""")
PARTNER = _lines("""
{place} Schools Partnership
{place} Women's Aid
{place} Jobcentre Plus
the regional probation service
{place} Citizens Advice
{place} Ambulance Service
{place} Mental Health Partnership
{place} Housing Association
{place} Primary Care Network
{place} Youth Offending Service
""")

SLOTS: dict[str, tuple[str, ...]] = {
    "role": _lines("""
social worker
health visitor
school nurse
police officer
housing officer
GP
probation officer
designated safeguarding lead
mental health nurse
family support worker
domestic abuse advocate
paramedic
"""),
    "team": _lines("""
the early help team
the police public protection unit
the adult social care duty team
the multi-agency safeguarding hub
the housing options team
the community mental health team
the information governance team
the troubled families programme team
the hospital discharge team
the children's social care front door
"""),
    "lead": _lines("""
the data protection officer
the Caldicott guardian
the senior information risk owner
a small working group
the project board
the programme manager
the director of children's services
a chief inspector
the head of early help
the information governance lead
"""),
    "system": _lines("""
case management system
shared care record
data platform
referral portal
secure email service
data warehouse
performance dashboard
record matching tool
"""),
    "document": _lines("""
information sharing agreement
data protection impact assessment
privacy notice
sharing protocol
record of processing activities
one-page guide for practitioners
"""),
    "when": _lines("""
within a month
in the first year
over eighteen months
by the end of the pilot
within six weeks
in its second year
after the first review
before the winter
"""),
    "families": _lines("""
families
children and young people
older people leaving hospital
adults at risk
people sleeping rough
victims of domestic abuse
young people leaving care
people in mental health crisis
"""),
}

INTRO = _lines("""
When we ask practitioners what would help them share information with more confidence, they rarely
    ask for a new policy.
Most of the partnerships we work with already have the legal powers they need; what they lack is
    the confidence to use them.
Every year we hear from {team} in another area that a concern was known to one agency and not to the next.
This post draws on our work with councils, police forces and health bodies over the past few years.
The question we are asked most often is not whether information can be shared, but how to share it well.
Sharing information about {families} is rarely a technical problem first; it is a question of trust
    between people.
We have visited a dozen partnerships this year, and the ones that share well have a few habits in common.
A {role} in {place} told us recently that the hardest part of her job was knowing what she was
    allowed to say.
""")

GENERAL = _lines("""
Practitioners take their cue from what leaders say and, above all, from what leaders do.
A single memo is forgotten within a month, while a message repeated in every team meeting becomes
    part of the culture.
The law is more permissive than many people think, but it does ask us to be clear about our reasons.
A lawful basis is not a form to fill in at the end; it is a decision that shapes the whole project.
Consent is not always the right basis, and relying on it when it cannot be freely given causes more
    harm than good.
The UK GDPR and the Data Protection Act 2018 both allow sharing that is necessary and proportionate.
An information sharing agreement that nobody reads protects nobody, however carefully it was drafted.
A good data protection impact assessment starts early, while the design can still change.
The best agreements we see are short, written in plain English and owned by the people who use them.
Technology can carry shared information, but it cannot decide what should be shared or why.
Matching records across agencies is harder than it looks, because names, dates and addresses are
    recorded differently.
A shared identifier such as the NHS number makes matching far more reliable, where it can lawfully be used.
Data quality problems are usually discovered late, when the first joined-up report looks wrong.
Front-line staff need to know who to ask, and they need an answer the same day.
Fear of getting it wrong is still the biggest barrier to sharing that we hear about.
Failing to share information when it was needed is just as serious as sharing it wrongly.
Relationships between practitioners in different agencies take months to build and days to damage.
Co-location helps, but only when people also have time to talk to each other.
Recording the reason for each disclosure protects the practitioner and makes audit straightforward.
Proportionate sharing means sharing what matters for the decision in hand, not everything an agency holds.
Families are entitled to know how information about them is used, and most are reassured when told.
Safeguarding practice reviews keep finding information that was known but not passed on.
Information governance works best as a partner in the design, not a gate at the end.
A steering group that meets only to approve papers will not change how people work.
Evaluation does not need to be elaborate, but it does need a baseline taken before the work starts.
Suppliers can help, but the partnership has to own its data model and its decisions.
The cost of a new system is usually smaller than the cost of the change in practice that it needs.
Shared training days do more for trust between agencies than any number of joint policies.
Where people disagree about thresholds, a short conversation is almost always quicker than a chain
    of emails.
Clear roles matter: the data protection officer, the Caldicott guardian and the senior information
    risk owner each have their part.
Leaders who respond to an honest mistake by asking what can be learnt make it safer for everyone to share.
The legal framework has changed several times in a decade, but the principles of necessity and
    proportionality have not.
Good sharing is selective: each partner adds what is relevant, rather than everything it holds.
Cloud hosting, role-based access and a clear audit trail are now the norm rather than the exception.
Most partnerships underestimate how long it takes to agree a common data standard.
Plain English is not a luxury in governance documents; it is what makes them usable.
Practitioners rarely need more rules; they need a quick answer from someone they trust.
A pilot that cannot be switched off without losing data was never really a pilot.
Sharing well is a habit built over months, not a switch thrown on the day a system goes live.
Most requests for information can be answered with a yes, a no or a partial yes within a day.
Good records of decisions matter as much as the decisions themselves.
The people closest to families usually know what would help; the system should make it easy to act on.
Evaluations that ask practitioners and families, as well as counting cases, tell a fuller story.
Agreeing what not to share is as important as agreeing what to share.
A named contact in each partner turns a policy into a working relationship.
""")

STORY = _lines("""
In one {orgtype} we worked with, {team} met every morning to look at new concerns together.
{lead} in {place} held a monthly drop-in for practitioners, and it quickly became one of the most
    valued sessions in the calendar.
When {org} reviewed its sharing protocols, it found {n} separate documents written at different
    times in different language.
A {role} in {place} described how she used to wait and see, because she was never sure what she
    could pass on.
{lead} at {org} rewrote the {document} in plain English, and the number of queries from staff fell
    within weeks.
{org} linked its {system} with that of its partners, and practitioners no longer had to phone three
    offices to build a picture.
At {org}, a pilot of the new {system} stalled for six months because nobody owned the data quality
    problems it exposed.
{team} in {place} started recording the reason for each disclosure in a set field, which made
    review far easier.
After a serious case review in {place}, {lead} asked every agency to name one person who could
    answer questions about sharing.
The partners in {place} agreed that families would normally be told about a referral, unless
    telling them would put someone at risk.
One {role} told us that being trusted to use her professional judgement changed how she approached
    every case.
In {place}, a joint training day for police, health and council staff did more for confidence than
    the new policy did.
A {role} in {place} told us the new {document} was the first she had read from start to finish.
{team} in {place} began each week with a short call between partners, and most questions were settled there.
When {org} moved to the new {system}, {lead} kept the old paper process running for a month, just in case.
A manager at {org} said the biggest change was that people now picked up the phone to each other.
{lead} at {org} began publishing a short note each quarter on what had been shared and why.
In one {orgtype} we visited, a shared glossary ended a long argument about what consent meant.
The first joined-up report in {place} showed {n} families known to four or more agencies.
{team} in {place} invited families to help rewrite the leaflets that explained how information was used.
""")

CHALLENGE = _lines("""
Until {year}, a worry about {families} in {place} could reach {org} by phone, email or letter, and
    nobody saw the whole picture.
Each agency had its own protocol for what it would disclose, and practitioners were understandably cautious.
A {role} explained to the project team that she was never sure whether she could pass on what she
    knew without the family agreeing.
An audit by {org} found that {pct}% of the people referred came back within a year, often with the
    same concern.
Information about {families} was held in at least {n} different systems, none of which could talk
    to each other.
Practitioners spent hours each week chasing information by phone, and many calls were not returned
    until the next day.
Partners disagreed about which lawful basis applied, and so each case was argued afresh.
Staff in {team} told managers they were worried about breaching the UK GDPR, and so they tended to
    share too little.
Records were matched by hand, using names and dates of birth, and mistakes were common.
A review of recent cases found that in {pct}% of them, information known to one agency had not
    reached the others.
Nobody in the partnership owned the problem, so it sat between organisations for several years.
The existing {document} had been written a decade earlier and no longer reflected the law or practice.
""")

DONE = _lines("""
Early in {year}, {org} and its partners agreed to set up {team}, with one team in one room looking
    at every new concern.
Senior leaders from each agency made a visible commitment, spending half a day each week working
    alongside front-line staff.
The old protocols were replaced by a single {document}, drafted by a small working group and
    checked by each partner's lawyer.
The agreement set out, in plain English, the lawful basis for each kind of sharing and the
    statutory powers behind it.
A data protection impact assessment was completed before the service went live and reviewed after
    six months.
Each partner checked its own records and added what was relevant and proportionate, rather than
    everything it held.
The partners linked their records using the NHS number where they could, and a matching tool where
    they could not.
{lead} ran short training sessions for every team, using real cases to show what the law allows.
Practitioners recorded the reason for each disclosure in a set field on the {system}, so decisions
    could be reviewed later.
A weekly meeting of the partners settled disagreements about thresholds within minutes rather than days.
The {system} was hosted in the cloud, with role-based access and an audit trail of every view.
The project team interviewed {families} about how they wanted information about them to be used,
    and changed the privacy notice as a result.
""")

CHANGED = _lines("""
By the end of its first year, {pct}% of new contacts received a decision within one working day,
    compared with {pct2}% before.
Re-referrals within twelve months fell from {pct}% to {pct2}%.
An audit of {n0} case records found that the reason for sharing had been recorded in almost all of them.
Practitioners described a change in how they worked together, and disagreements were settled in the room.
Police officers began to ring the team for advice before making a referral, rather than after.
The time taken to build a picture of a family fell from several days to a few hours.
Staff surveys showed that the share of practitioners who felt confident to share rose from {pct2}%
    to {pct}%.
The partnership estimated that it saved around {n} days of staff time each month.
{families} told the evaluators that they no longer had to tell their story several times over.
The number of queries to the information governance team fell by half {when}.
Matching accuracy rose to {pct}% once the partners agreed a common data standard.
Not everything improved: waiting times for specialist assessments stayed much the same.
""")

LESSON = _lines("""
**Leaders need to be seen, not just to sign.** Time spent with front-line teams built trust faster
    than any memo.
**One agreement beats many.** A single document, written for the people who use it, removed most of
    the hesitation.
**Record the reason, every time.** A short note on why information was shared protected practitioners.
**Proportionate means selective.** Sharing what matters, rather than everything, respected
    families' privacy.
**Relationships take time.** The habits of challenge and support took about {months} months to settle.
**Start the impact assessment early.** It shaped the design instead of delaying the launch.
**Own the data quality.** Someone in each agency has to be responsible for fixing the records.
**Test the matching before you trust it.** A sample checked by hand showed where the rules went wrong.
**Tell families what you do.** Most people were reassured, and complaints were rare.
**Keep the governance light.** Staff followed rules they could understand.
**Measure before you start.** Without a baseline, the benefits would have been impossible to show.
**Plan for the people, not just the system.** Training and support cost more than the software and
    mattered more.
""")

QUESTION = _lines("""
When did we last tell staff, clearly, that we expect them to share when it is needed?
How did we respond the last time someone shared in good faith and it went wrong?
Do practitioners know who their data protection officer and Caldicott guardian are?
Which of our sharing processes takes longest, and why?
Is our information sharing agreement short enough for staff to read?
Was the data protection impact assessment done early enough to change the design?
Which systems hold information about the same families, and can they be matched?
What did our last safeguarding review say about information sharing?
Who owns the quality of the data we share?
How do families find out what we share about them?
""")

HEADING = _lines("""
Start with the people, not the system
Say it out loud, and often
Back staff who act in good faith
Put the right roles in the right places
Make the governance light enough to use
Learn from reviews without freezing
Choose the lawful basis first
Write the agreement for the people who use it
Do the impact assessment early
Match records carefully
Own the quality of the data
Measure what changes for families
Build relationships across boundaries
Keep families informed
Plan for the long haul
What the evidence says
What we would do differently
Where to go from here
""")

CLOSING = _lines("""
None of this is new, but it is still too rare, and it makes a real difference to the people we serve.
If your partnership has tried something similar, we would like to hear from you.
Leadership will not fix every barrier to sharing, but without it very few barriers move.
We will keep collecting examples, and we will write up the best of them as case studies.
The work is slow, but the partnerships that stick with it rarely go back.
""")

NOTE = _lines("""
You do not need consent to share information to protect someone from serious harm.
An agreement is good practice, but its absence is never a reason not to share in an emergency.
Record what you shared, with whom, when and why.
""")

LINK = _lines("""
We wrote about a similar approach in [{title}]({href}).
For a worked example, see [{title}]({href}).
The same lesson came up in [{title}]({href}).
Readers who want the detail may like [{title}]({href}).
""")

POST_TITLE = _lines("""
What {orgtype}s taught us about {topic}
{Topic}: lessons from {place}
Why {topic} still matters
{n} things we learnt about {topic}
Getting {topic} right in {place}
A practitioner's view of {topic}
How leaders make {topic} work
{Topic} after the pandemic
Questions to ask about {topic}
What changed when {place} took {topic} seriously
""")
CASE_TITLE = _lines("""
One front door for {families} in {place}
Joining up records for {families} in {place}
A shared approach to {policy} in {place}
Faster decisions about {families} in {place}
How {place} brought its {policy} teams together
Matching records to support {families} in {place}
A single agreement for {policy} in {place}
""")
TOPIC = _lines("""
information sharing agreements
consent
data matching
lawful sharing
professional confidence
shared care records
impact assessments
multi-agency working
data quality
early help data
trust between agencies
record linkage
""")
POST_SUMMARY = _lines("""
What we have learnt about {topic} from our work with partners across the country, and what we would
    do next time.
Practical advice on {topic} for managers and practitioners, drawn from partnerships in {place} and
    elsewhere.
A short reflection on {topic}: what helps, what gets in the way, and the questions worth asking.
""")
CASE_SUMMARY = _lines("""
How {org} and its partners agreed a single approach to sharing information about {families} and cut
    the time taken to decide on new concerns.
How partners in {place} linked their records for {families}, agreed a lawful basis and measured
    what changed.
How {org} replaced {n} separate protocols with one plain-English agreement and made practitioners
    more confident to share.
""")
OUTCOME = _lines("""
Decisions on new contacts within one working day in {pct}% of cases, up from {pct2}%
Re-referrals within twelve months fell from {pct}% to {pct2}%
One information sharing agreement replaced {n} separate protocols
Around {n} days of staff time saved each month
Matching accuracy of {pct}% after a common data standard was agreed
Practitioner confidence to share rose from {pct2}% to {pct}%
""")
ORGTYPE = ("county council", "police force", "health trust", "district council", "partnership")

_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random, ctx: dict[str, str]) -> str:
    """The template with each slot resolved, from ctx first, then by chance."""

    def value(m: re.Match) -> str:
        name = m.group(1)
        lower = name.lower()
        if lower in ctx:
            text = ctx[lower]
        elif lower in SLOTS:
            text = rng.choice(SLOTS[lower])
        else:
            text = _number(lower, rng)
        return text[:1].upper() + text[1:] if name[:1].isupper() else text

    out = _SLOT.sub(value, template)
    return out[:1].upper() + out[1:]


def _number(name: str, rng: random.Random) -> str:
    if name == "pct":
        return str(rng.randint(70, 97))
    if name == "pct2":
        return str(rng.randint(18, 65))
    if name == "n":
        return str(rng.randint(3, 12))
    if name == "n0":
        return str(rng.choice((50, 80, 100, 120, 150, 200)))
    if name == "months":
        return str(rng.randint(6, 18))
    if name == "year":
        return str(rng.randint(2012, 2024))
    if name == "orgtype":
        return rng.choice(ORGTYPE)
    raise KeyError(f"no value for the slot {{{name}}}")


class Draw:
    """Draws filled-in sentences for one item, not repeating one until its pool runs out."""

    def __init__(self, rng: random.Random, ctx: dict[str, str]) -> None:
        self.rng = rng
        self.ctx = ctx
        self._left: dict[int, list[str]] = {}

    def one(self, pool: tuple[str, ...], **extra: str) -> str:
        left = self._left.get(id(pool))
        if not left:
            left = list(pool)
            self.rng.shuffle(left)
            self._left[id(pool)] = left
        return fill(left.pop(), self.rng, {**self.ctx, **extra})

    def many(self, pool: tuple[str, ...], k: int) -> list[str]:
        return [self.one(pool) for _ in range(k)]

    def paragraph(self, k: int, *pools: tuple[str, ...]) -> str:
        """k sentences, taking from the pools in turn."""
        return " ".join(self.one(pools[n % len(pools)]) for n in range(k))
