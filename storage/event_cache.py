"""What one write transaction has looked up about events, reused for every article it stores.

Storing an extraction reads the events of each visitor/host pair it mentions, takes the
pair's lock, looks up institutions and people, and re-folds the events it joins (their row,
mentions and participants). Read once per transaction instead of once per article, and not
read back when this transaction wrote them, a batch of articles costs a few statements plus
its writes.

The cache is only true inside the transaction that filled it, and only for pairs it holds the
lock of: the events of a pair are created and changed only under that lock (a PostgreSQL
advisory lock; on SQLite the database write lock every write session holds), so once a pair
is locked nobody else can change its events until the commit, and the code that changes them
here (``storage.events``, ``storage.rebuild``) keeps this cache current.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from storage.lookups import InstitutionRef, institutions
from storage.merge import MentionData, Span
from storage.models import Event, Institution

EVENTS_OF_PAIRS = select(
    Event.id, Event.merge_key, Event.date, Event.first_reported, Event.last_reported
).where(Event.merge_key.in_(bindparam("keys", expanding=True)))
CODES_OF_INSTITUTIONS = select(Institution.id, Institution.region_code).where(
    Institution.id.in_(bindparam("ids", expanding=True))
)
# One round trip for any number of locks. unnest() yields the (sorted) array in order and each
# row's lock is taken as the row is produced, so every writer locks in the same global order
# and two writers never wait on each other in a cycle.
LOCK_PAIRS = text(
    "SELECT count(pg_advisory_xact_lock(lock_id)) FROM unnest(CAST(:ids AS bigint[])) AS lock_id"
)
KEY_CHUNK = 500  # keeps IN (...) lists well under SQLite's bound-parameter limit


def lock_id(key: str) -> int:
    """The advisory lock number of a merge key (a signed 64-bit hash)."""
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: int
    span: Span


@dataclass(slots=True)
class KnownEvent:
    """An event as this transaction last wrote it, so re-folding it need not read it back:
    its row (``storage.rebuild.EVENT_NOW``'s columns), every mention, and its participants
    as (person id, side, role) in id order."""

    row: dict[str, Any]
    mentions: list[MentionData]
    participants: list[tuple[int, str, str | None]]


@dataclass(slots=True)
class EventCache:
    """Events by merge key, pair locks held, institutions: for one write transaction."""

    postgres: bool
    locked: set[str] = field(default_factory=set)
    by_key: dict[str, list[StoredEvent]] = field(default_factory=dict)
    refs: dict[str, InstitutionRef] = field(default_factory=dict)
    codes: dict[int, str | None] = field(default_factory=dict)
    # person ids by match key; ``storage.rebuild`` drops the ones it deletes
    people: dict[str, int] = field(default_factory=dict)
    # events written here, by id: any other change to one must drop it (``forget_events``)
    known: dict[int, KnownEvent] = field(default_factory=dict)

    @classmethod
    def for_session(cls, session: Session) -> EventCache:
        return cls(postgres=session.get_bind().dialect.name == "postgresql")

    def lock(self, session: Session, keys: Iterable[str]) -> None:
        """Hold the lock of every pair in ``keys`` until the transaction ends."""
        wanted = {key for key in keys if key and key not in self.locked}
        if not wanted:
            return
        if self.postgres:  # SQLite: the write session already holds the database lock
            ids = sorted(lock_id(key) for key in wanted)
            session.connection().execute(LOCK_PAIRS, {"ids": ids})
        self.locked |= wanted

    def events(self, session: Session, key: str) -> list[StoredEvent]:
        """The stored events of a locked pair."""
        if key not in self.by_key:
            self.prefetch(session, [key])
        return self.by_key[key]

    def prefetch(self, session: Session, keys: Iterable[str]) -> None:
        """Read the events of every locked pair in ``keys`` not read yet, in one query."""
        missing = sorted({key for key in keys if key and key not in self.by_key})
        if not missing:
            return
        unlocked = [key for key in missing if key not in self.locked]
        if unlocked:
            raise AssertionError(f"reading events of unlocked pairs: {unlocked[:3]}")
        conn = session.connection()
        for key in missing:
            self.by_key[key] = []
        for start in range(0, len(missing), KEY_CHUNK):
            chunk = missing[start:start + KEY_CHUNK]
            for row in conn.execute(EVENTS_OF_PAIRS, {"keys": chunk}):
                self.by_key[row.merge_key].append(
                    StoredEvent(row.id, Span(row.date, row.first_reported, row.last_reported))
                )

    def added(self, key: str | None, event_id: int, span: Span) -> None:
        if key is not None and key in self.by_key:
            self.by_key[key].append(StoredEvent(event_id, span))

    def changed(self, key: str | None, event_id: int, span: Span) -> None:
        if key is not None and key in self.by_key:
            self.by_key[key] = [
                StoredEvent(e.id, span) if e.id == event_id else e for e in self.by_key[key]
            ]

    def removed(self, key: str | None, event_id: int) -> None:
        if key is not None and key in self.by_key:
            self.by_key[key] = [e for e in self.by_key[key] if e.id != event_id]

    def forget_events(self, event_ids: Iterable[int]) -> None:
        for event_id in event_ids:
            self.known.pop(event_id, None)

    def mentions_added(self, event_id: int, mentions: Iterable[MentionData]) -> None:
        known = self.known.get(event_id)
        if known is not None:
            known.mentions.extend(mentions)

    def forget(self, key: str | None) -> None:
        """Read the pair's events again next time (another writer changed them)."""
        if key is not None:
            self.by_key.pop(key, None)

    def institutions(self, session: Session, names: Iterable[str]) -> dict[str, InstitutionRef]:
        """Rows for ``names`` (created when missing), by name."""
        wanted = set(names)
        missing = wanted - self.refs.keys()
        if missing:
            for ref in institutions(session, missing).values():
                self.refs[ref.name] = ref
                self.codes[ref.id] = ref.region_code
        return {name: self.refs[name] for name in wanted}

    def region_codes(self, session: Session, ids: Iterable[int | None]) -> dict[int, str | None]:
        wanted = {i for i in ids if i is not None}
        missing = sorted(wanted - self.codes.keys())
        if missing:
            self.codes.update(
                session.connection().execute(CODES_OF_INSTITUTIONS, {"ids": missing}).all()
            )
        return {i: self.codes.get(i) for i in wanted}
