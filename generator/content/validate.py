"""Rules that span records: references, declared ids, votes and outcomes."""

from __future__ import annotations

from pydantic import BaseModel

from generator.content import sums
from generator.content.dates import FuzzyDate, Timestamp
from generator.content.explain import did_you_mean, field_path
from generator.content.kinds import BY_NAME
from generator.content.load import Content, Origin
from generator.content.models import Defection, Document, Fact, Figure, Membership
from generator.content.pages import edition_path
from generator.content.placed import unplaced, unplaced_message
from generator.content.problems import Problem
from generator.content.safe_yaml import FieldPath
from generator.content.story_log import log_problems
from generator.content.voting import Choice, Outcome, choices, count, question_problem
from generator.content.walk import Reference, dates, references
from generator.content.within_year import presidency_problem, since_problem


class Checker:
    """Collects cross-record problems for one loaded content folder."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.problems: list[Problem] = []
        self.kinds = content.kinds

    def report(self, origin: Origin, label: str, subpath: FieldPath, message: str) -> None:
        line, column = self.content.locate(origin, subpath)
        self.problems.append(Problem(origin.file, line, column, field_path([label, *subpath]), message))

    def run(self) -> list[Problem]:
        # Without a readable story.yml only the rules that do not need it run: every record
        # that parsed is still checked, so that one run reports every problem it can.
        if self.content.story_loaded:
            self.check_references(self.content.story, Origin(self.content.story_file, ()), "")
            self.check_story_ids()
        references, origins = self.content.references, self.content.origins
        for record in self.content.all():
            self.report_references(references[record.id], origins[record.id], record.id)
        if self.content.story_loaded:
            self.check_declared_ids()
            self.check_story_time()
        if self.content.story_loaded:
            self.check_placed()
        self.check_memberships()
        self.check_claimants()
        self.check_sums()
        for document in self.content.documents:
            self.check_vote(document)
        return self.problems

    def check_placed(self) -> None:
        """Every dated record can be placed in time: by a dated source, or by its `added` (placed.py)."""
        sources = {s.id: s for s in self.content.sources}
        # Only a record naming an undated source can cite nothing else (its references, found once
        # for the whole check, say so): any other is not walked part by part.
        undated = frozenset(s.id for s in self.content.sources if s.date is None)
        references = self.content.references
        now = self.content.story.now
        message = unplaced_message(now)
        for kind, records in self.content.by_kind():
            for record in records:
                if undated and any(target in undated for _, target, _ in references[record.id]):
                    for path in unplaced(kind, record, sources):
                        self.report(self.content.origins[record.id], record.id, path, message)
                added = record.added if isinstance(record, Fact) else None
                if added is not None and added > now:
                    self.report(
                        self.content.origins[record.id],
                        record.id,
                        ("added",),
                        f"{added.iso()} is after the story was last updated, {now.iso()} "
                        "(add the update this record joined the story with under story.yml's updates)",
                    )

    def check_references(self, model: BaseModel, origin: Origin, label: str) -> None:
        self.report_references(tuple(references(model)), origin, label)

    def report_references(self, found: tuple[Reference, ...], origin: Origin, label: str) -> None:
        for path, target, kinds in found:
            actual = self.kinds.get(target)
            if actual is not None:  # as almost every reference is: only its kind is left to check
                if kinds and actual.name not in kinds:
                    wanted = " or ".join(BY_NAME[k].singular for k in kinds)
                    self.report(
                        origin,
                        label,
                        path,
                        f"'{target}' is {_a(actual.singular)}, not {_a(wanted)} (use the id of {_a(wanted)})",
                    )
                continue
            if target in self.content.broken_ids:
                continue  # the record exists but is invalid, and is reported already
            unreadable = self.content.unreadable
            if unreadable & set(kinds) or (unreadable and not kinds):
                continue  # it may be in a file we could not read; that file is reported
            wanted = " or ".join(BY_NAME[k].singular for k in kinds) if kinds else "record"
            pool = [i for i, k in self.kinds.items() if not kinds or k.name in kinds]
            guess = did_you_mean(target, sorted(pool), cutoff=0.8)
            hint = f"did you mean '{guess}'?" if guess else "add the record or fix the id"
            self.report(origin, label, path, f"unknown {wanted} id '{target}' ({hint})")

    def check_story_ids(self) -> None:
        story, origin = self.content.story, Origin(self.content.story_file, ())
        for field in ("sides", "metrics", "seniority"):
            seen: set[str] = set()
            for index, item in enumerate(getattr(story, field)):
                if item.id in seen:
                    self.report(
                        origin, "", (field, index, "id"), f"'{item.id}' is listed twice (give each entry its own id)"
                    )
                seen.add(item.id)
        metrics = {m.id for m in story.metrics}
        for index, metric in enumerate(story.key_metrics):
            if metric not in metrics:
                self.report(origin, "", ("key_metrics", index), self._unknown("metric", metric, metrics, "metrics"))

    def check_story_time(self) -> None:
        """A story has one "now", its latest update: nothing in it may have happened later.

        Every date of every kind whose dates are in story time (the registry says) is checked,
        nested ones included; a day known in advance is written `{scheduled: ...}` and may lie
        ahead. A date is refused only when even its earliest day is after the update's day."""
        story, origin = self.content.story, Origin(self.content.story_file, ())
        for path, message in log_problems(story):
            self.report(origin, "", path, message)
        now = story.now
        for index, highlight in enumerate(story.highlights):
            if highlight.added > now:
                self.report(
                    origin,
                    "",
                    ("highlights", index, "added"),
                    f"{highlight.added.iso()} is after the story was last updated, {now.iso()} "
                    "(add the update this highlight belongs to under updates)",
                )
        today = now.moment.date()
        for kind, records in self.content.by_kind():
            if not kind.in_story_time:
                continue
            for record in records:
                for path, date in dates(record):
                    if date.ahead_of(today):
                        self.report(self.content.origins[record.id], record.id, path, _after_now(date, now))
        # Each update's edition is a page named by its minute in UTC: two updates in one minute
        # would share a page, and one of them would show the other's story.
        first_in: dict[str, Timestamp] = {}
        for index, update in enumerate(story.updates):
            page = edition_path(update.at)
            if page in first_in:
                self.report(
                    origin,
                    "",
                    ("updates", index, "at"),
                    f"{update.at.iso()} is in the same minute (UTC) as the update at {first_in[page].iso()}, "
                    "and each update gets a page of its own named by its minute (merge the two updates "
                    "into one, or give this one its own minute)",
                )
            first_in.setdefault(page, update.at)

    def check_declared_ids(self) -> None:
        """Sides, metrics and seniority grades are declared in story.yml; check the uses."""
        story = self.content.story
        sides = {s.id for s in story.sides}
        metrics = {m.id for m in story.metrics}
        tracks = {t.id: {g.id for g in t.grades} for t in story.seniority}
        for actor in self.content.actors:
            if actor.side not in sides:
                self.report(
                    self.content.origins[actor.id],
                    actor.id,
                    ("side",),
                    self._unknown("side", actor.side, sides, "sides"),
                )
            for index, earlier in enumerate(actor.earlier_sides):
                if earlier.side not in sides:
                    self.report(
                        self.content.origins[actor.id],
                        actor.id,
                        ("earlier_sides", index, "side"),
                        self._unknown("side", earlier.side, sides, "sides"),
                    )
        for figure in self.content.figures:
            if figure.metric not in metrics:
                self.report(
                    self.content.origins[figure.id],
                    figure.id,
                    ("metric",),
                    self._unknown("metric", figure.metric, metrics, "metrics"),
                )
        for defection in self.content.defections:
            origin = self.content.origins[defection.id]
            for index, rank in enumerate(defection.seniority):
                if rank.track not in tracks:
                    self.report(
                        origin,
                        defection.id,
                        ("seniority", index, "track"),
                        self._unknown("seniority track", rank.track, set(tracks), "seniority"),
                    )
                elif rank.grade not in tracks[rank.track]:
                    self.report(
                        origin,
                        defection.id,
                        ("seniority", index, "grade"),
                        self._unknown(
                            f"grade on the '{rank.track}' track", rank.grade, tracks[rank.track], "seniority"
                        ),
                    )

    def _unknown(self, what: str, value: str, known: set[str], field: str) -> str:
        guess = did_you_mean(value, sorted(known))
        hint = f"did you mean '{guess}'?" if guess else f"declare it under `{field}` in story.yml"
        return f"unknown {what} '{value}' ({hint})"

    def check_vote(self, document: Document) -> None:
        origin = self.content.origins[document.id]
        vote = document.vote
        if vote is None:
            return
        if document.status in {"withdrawn", "not-voted", "pending"}:
            self.report(
                origin,
                document.id,
                ("status",),
                f"status is '{document.status.value}' but a "
                "vote is recorded (set the status to the "
                "vote's outcome, or remove the vote)",
            )
        listed = choices(vote)
        for member, picks in listed.items():
            if len(picks) > 1:
                names = " and ".join(p.value for p in picks)
                self.report(
                    origin,
                    document.id,
                    ("vote", "members", picks[1].value),
                    f"'{member}' is listed under {names} (a member votes once)",
                )
        membership = self.content.membership_on(document.body, vote.date.earliest)
        if membership is None:
            self.report(origin, document.id, ("vote", "date"), self.no_membership(document.body, vote.date))
            return
        problem = question_problem(membership.adoption, document.question)
        if problem:
            self.report(origin, document.id, ("question",), problem)
        if vote.members is not None:
            self.check_voters(document, membership, listed, origin)
        self.check_outcome(document, membership, origin)

    def no_membership(self, body: str, date: FuzzyDate) -> str:
        """Why no membership counts a vote: none for its year, or none in force yet on its day."""
        year = date.earliest.year
        if self.content.membership(body, year) is None:
            return (
                f"no membership of '{body}' is recorded for {year} (add one to "
                "memberships, with its members or number of seats, and its adoption rule)"
            )
        return (
            f"no membership of '{body}' had taken effect by {date.iso()} (leave `since` out of the "
            f"{year} membership in force from 1 January, or check the vote's date)"
        )

    def check_voters(
        self, document: Document, membership: Membership, listed: dict[str, list[Choice]], origin: Origin
    ) -> None:
        """Named voters must be members; a member marked inferred must have a vote."""
        assert document.vote is not None and document.vote.members is not None
        year = document.vote.date.earliest.year
        changed = sum((m.body, m.year) == (membership.body, year) for m in self.content.memberships) > 1
        # Where the membership changed within the year, it is the membership on the vote's day.
        when = f"on {document.vote.date.iso()}" if changed else f"in {year}"
        seated = set(membership.listed)
        partial = membership.size > len(membership.listed)
        for choice in ("yes", "no", "abstain", "absent", "inferred"):
            for index, member in enumerate(getattr(document.vote.members, choice)):
                if member in self.kinds and member not in seated and partial:
                    self.report(
                        origin,
                        document.id,
                        ("vote", "members", choice, index),
                        f"'{member}' is not among the members of '{document.body}' listed for {year} "
                        f"(add it to `members` in the {year} membership, or check the vote)",
                    )
                elif member in self.kinds and member not in seated:
                    self.report(
                        origin,
                        document.id,
                        ("vote", "members", choice, index),
                        f"'{member}' was not a member of '{document.body}' {when} "
                        f"(check the vote or the {year} membership)",
                    )
                if choice == "inferred" and member not in listed:
                    self.report(
                        origin,
                        document.id,
                        ("vote", "members", choice, index),
                        f"'{member}' is marked inferred but has no vote listed "
                        "(list its vote under yes, no, abstain or absent)",
                    )

    def check_outcome(self, document: Document, membership: Membership, origin: Origin) -> None:
        """The tally agrees with the named votes, and the status with the outcome by the body's rule."""
        assert document.vote is not None
        vote = document.vote
        counted = count(vote, membership, document.question)
        tally = vote.tally
        named = {c: sum(1 for s in counted.seats if s.choice is c) for c in (Choice.YES, Choice.NO, Choice.ABSTAIN)}
        every_seat_named = counted.complete and all(s.choice is not Choice.UNKNOWN for s in counted.seats)
        if tally and vote.members and every_seat_named:
            if (tally.yes, tally.no, tally.abstain) != tuple(named.values()):
                self.report(
                    origin,
                    document.id,
                    ("vote", "tally"),
                    f"tally says {tally.yes}-{tally.no}-{tally.abstain} but the members' votes add up to "
                    f"{named[Choice.YES]}-{named[Choice.NO]}-{named[Choice.ABSTAIN]} (fix one of them)",
                )
        elif tally and vote.members:
            for choice, number in named.items():
                counted_in_tally = getattr(tally, choice.value)
                if number > counted_in_tally:
                    self.report(
                        origin,
                        document.id,
                        ("vote", "members", choice.value),
                        f"{number} members are named as voting {choice.value} but the tally has "
                        f"{counted_in_tally} (fix the tally or the names)",
                    )
        declared = document.status.value
        if counted.outcome is None or declared not in {o.value for o in Outcome}:
            return
        if counted.outcome.value != declared:
            self.report(
                origin,
                document.id,
                ("status",),
                f"status is '{declared}' but the vote gives '{counted.outcome.value}': "
                f"{counted.explain()} (fix the votes or the status)",
            )

    def check_memberships(self) -> None:
        """A member listed twice, in one list or in both, would get two seats and two votes."""
        for membership in self.content.memberships:
            first: dict[str, str] = {}
            for field in ("permanent", "elected", "members"):
                for index, member in enumerate(getattr(membership, field)):
                    if member in first:
                        self.report(
                            self.content.origins[membership.id],
                            membership.id,
                            (field, index),
                            f"'{member}' is already listed under {first[member]} "
                            "(a member has one seat: remove one of them)",
                        )
                    first.setdefault(member, field)
            problem = since_problem(self.content, membership)
            if problem:
                self.report(self.content.origins[membership.id], membership.id, ("since",), problem)
            for index, held in enumerate(membership.presidency):
                problem = presidency_problem(membership, held)
                if problem:
                    self.report(self.content.origins[membership.id], membership.id, ("presidency", index), problem)

    def check_sums(self) -> None:
        """A breakdown that lists more than its whole (sums.py)."""
        records: list[Defection | Figure] = [*self.content.defections, *self.content.figures]
        for record in records:
            for path, message in sums.problems(record):
                self.report(self.content.origins[record.id], record.id, path, message)

    def check_claimants(self) -> None:
        """A claimant listed twice, reported where it is listed again (the record would not say where)."""
        for seat in self.content.seats:
            seen: dict[str, int] = {}
            for index, claim in enumerate(seat.claims):
                if claim.claimant in seen:
                    self.report(
                        self.content.origins[seat.id],
                        seat.id,
                        ("claims", index, "claimant"),
                        f"'{claim.claimant}' is already listed as claims[{seen[claim.claimant]}] "
                        "(list each claimant once, with all its letters in one claim)",
                    )
                seen.setdefault(claim.claimant, index)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _after_now(date: FuzzyDate, now: Timestamp) -> str:
    return (
        f"{date.iso()} is after the story was last updated, {now.iso()} (add an update to story.yml's "
        f"updates that covers it; if the day was known in advance, write {{scheduled: {date.start.iso()}}})"
    )


def check(content: Content) -> list[Problem]:
    """Return every cross-record problem in the content."""
    return Checker(content).run()
