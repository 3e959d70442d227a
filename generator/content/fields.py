"""Field types shared by the content models: ids, references, text, prose, links."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AfterValidator, Strict, StringConstraints

from generator.content.prose import SLUG, check_prose

SLUG_PATTERN = rf"^{SLUG}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


class RefId(str):
    """An id that points at another record; `kinds` says which kinds it may name."""

    kinds: ClassVar[tuple[str, ...]] = ()


class ActorId(RefId):
    kinds = ("actors",)


class SourceId(RefId):
    kinds = ("sources",)


class DocumentId(RefId):
    kinds = ("documents",)


class QuoteId(RefId):
    kinds = ("quotes",)


class AnyId(RefId):
    kinds = ()  # any kind at all


class Prose(str):
    """Text that may hold inline Markdown and [[id]] references."""


def _prose(value: str) -> Prose:
    problems = check_prose(value)
    if problems:
        raise ValueError("; ".join(problems))
    return Prose(value)


def _url(value: str) -> str:
    if not value.lower().startswith(("https://", "http://")) or " " in value:
        raise ValueError(f"'{value}' is not a web address (write the full URL, starting with https://)")
    return value


Id = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, Strict(), StringConstraints(min_length=1)]
ProseText = Annotated[str, Strict(), StringConstraints(min_length=1), AfterValidator(_prose)]
Url = Annotated[str, Strict(), AfterValidator(_url)]
Language = Annotated[str, Strict(), StringConstraints(pattern=LANGUAGE_PATTERN)]
ActorRef = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN), AfterValidator(ActorId)]
SourceRef = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN), AfterValidator(SourceId)]
DocumentRef = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN), AfterValidator(DocumentId)]
QuoteRef = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN), AfterValidator(QuoteId)]
AnyRef = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN), AfterValidator(AnyId)]
