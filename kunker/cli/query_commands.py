"""Reading the stored events: ``events``, ``search``, ``history``, ``stats``, ``show``.

Tables on a terminal, ``--json`` for machines; what an alias was resolved to goes to stderr.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich import box
from rich.markup import escape as _escape
from rich.table import Table

from kunker.cli import filters as opt
from kunker.cli.app import app
from kunker.cli.render import (
    approx_note,
    console,
    echo_json,
    host_of,
    kind_label,
    party,
    place,
    print_events,
    print_notes,
    print_table,
    when,
)
from kunker.errors import KunkerError

if TYPE_CHECKING:
    from storage import EventDetail, EventHit

DEFAULT_LIMIT = 50
STAT_BAR_WIDTH = 40


@app.command("events")
def events(
    institution: str | None = opt.INSTITUTION,
    side: str | None = opt.SIDE,
    region: str | None = opt.REGION,
    date_from: str | None = opt.DATE_FROM,
    date_to: str | None = opt.DATE_TO,
    kind: str | None = opt.KIND,
    topic: str | None = opt.TOPIC,
    person: str | None = opt.PERSON,
    limit: int = typer.Option(DEFAULT_LIMIT, "--limit", "-n", min=1, max=1000,
                              help="Events per page."),
    page: int = typer.Option(1, "--page", min=1, help="Page number (newest events first)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
) -> None:
    """List visit events, newest first, with filters.

    Filters: institution (--as visitor|host for one side), region, dates, kind, topic, person.

    Example: kunker events --institution "DPRD Sumbar" --as host --from 2025-01

    Example: kunker events --region "Kalimantan Timur" --kind studi_banding --json
    """
    from kunker.cli.database import reading
    from storage import count_events, list_events

    args = opt.FilterArgs(institution, side, region, date_from, date_to, kind, topic, person)
    with reading() as session:
        built = opt.build_filter(session, args)
        total = count_events(session, built.flt)
        found = list_events(session, built.flt, limit=limit, offset=(page - 1) * limit)
    print_notes(built.notes)
    if as_json:
        echo_json({"total": total, "page": page, "limit": limit,
                   "events": [e.to_dict() for e in found]})
        return
    first = (page - 1) * limit + 1
    if not found:
        typer.echo("no events match" if not total
                   else f"page {page} is past the last event ({total} match)")
        return
    pages = -(-total // limit)
    title = f"events {first}–{first + len(found) - 1} of {total}"
    if pages > 1:
        title += f" (page {page} of {pages}" + (f"; next: --page {page + 1})" if page < pages
                                                 else ")")
    print_events(console(), found, title)


@app.command("search")
def search(
    query: str = typer.Argument(..., help="Words to find (all must appear); any text is safe."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000,
                              help="At most this many events and this many articles."),
    order: str = typer.Option("newest", "--order", metavar="newest|relevance",
                              help="Articles: newest first, or best match first."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
) -> None:
    """Full-text search over events (topics and their articles) and over article texts.

    Example: kunker search "pengelolaan sampah"
    """
    from kunker.cli.database import reading
    from storage import search_articles, search_events

    order_value = opt.check_choice(order, "--order", ("newest", "relevance"))
    if not query.strip():
        raise KunkerError("search: give some words to look for")
    with reading() as session:
        event_hits = search_events(session, query, limit=limit)
        article_hits = search_articles(session, query, limit=limit,
                                       order=order_value)  # type: ignore[arg-type]
    if as_json:
        echo_json({
            "query": query,
            "events": [{**h.event.to_dict(), "snippet": h.snippet, "matched_in": h.matched_in,
                        "matched_article": {"title": h.article_title, "url": h.article_url}
                        if h.article_url else None} for h in event_hits],
            "articles": [{"id": a.id, "url": a.url, "title": a.title, "published": a.published,
                          "outlet": a.outlet, "snippet": a.snippet} for a in article_hits],
        })
        return
    out = console()
    if not event_hits and not article_hits:
        typer.echo(f"nothing found for {query!r}")
        return
    if event_hits:
        print_events(out, [h.event for h in event_hits],
                     f"events matching {query!r}: {len(event_hits)}")
        print_table(out, _why_table(event_hits), joiner=" ")
    articles = Table(title=f"articles matching {query!r}: {len(article_hits)}",
                     box=box.SIMPLE_HEAD, title_justify="left")
    for column in ("published", "outlet", "title / snippet"):
        articles.add_column(column, no_wrap=column != "title / snippet")
    for hit in article_hits:
        articles.add_row(hit.published.isoformat() if hit.published else "", hit.outlet,
                         f"[bold]{_escape(hit.title or '')}[/bold]\n{_escape(hit.snippet)}\n"
                         f"[dim]{_escape(hit.url)}[/dim]")
    if article_hits:
        print_table(out, articles)


def _why_table(hits: list[EventHit]) -> Table:
    """Where each event's words were found: its topic, a report sentence, or an article."""
    table = Table(title="why each event matched", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("found in")
    for hit in hits:
        where = {"topic": "the topic", "evidence": "a sentence of the report"}.get(
            hit.matched_in, f"the article “{hit.article_title or hit.article_url}”")
        snippet = hit.snippet.replace("[", "").replace("]", "")
        table.add_row(str(hit.event.id), _escape(f"{where}: {snippet}"))
    return table


@app.command("history")
def history(
    institution: str = typer.Argument(..., help='Institution; aliases work ("DPRD Bali").'),
    limit: int | None = typer.Option(None, "--limit", "-n", min=1,
                                     help="Only the first N visits."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
) -> None:
    """An institution's visits, made and received, oldest first.

    Example: kunker history "DPRD Provinsi Bali"

    Example: kunker history "dprd sumbar" --json
    """
    from kunker.cli.database import reading
    from kunker.resolve import resolve_institution
    from storage import institution_history

    with reading() as session:
        resolved = resolve_institution(session, institution)
        entries = institution_history(session, resolved.name, limit=limit)
    if resolved.note:
        print_notes([f"institution: {resolved.note}"])
    made = sum(e.role == "visitor" for e in entries)
    if as_json:
        echo_json({"institution": resolved.name, "visits_made": made,
                   "visits_received": len(entries) - made,
                   "history": [{"role": e.role, "counterpart": e.counterpart,
                                "unit": e.event.visitor_unit if e.role == "visitor"
                                else e.event.host_unit,
                                **e.event.to_dict()} for e in entries]})
        return
    if not entries:
        typer.echo(f"{resolved.name}: no visits recorded")
        return
    table = Table(title=f"{resolved.name}: visits made {made}, received {len(entries) - made}",
                  caption=approx_note(e.event for e in entries), box=box.SIMPLE_HEAD,
                  title_justify="left")
    for column in ("id", "date", "who", "counterpart", "kind", "place", "topic"):
        table.add_column(column, no_wrap=column in ("id", "date", ""),
                         justify="right" if column == "id" else "left")
    for entry in entries:
        event = entry.event
        # the institution's own unit on this visit: "Komisi II visited", "Komisi C hosted"
        own_unit = event.visitor_unit if entry.role == "visitor" else event.host_unit
        arrow = ("visited" if entry.role == "visitor" else "hosted")
        if own_unit:
            arrow = f"{own_unit} {arrow}"
        counterpart = host_of(event) if entry.role == "visitor" else party(
            event.visitor, event.visitor_unit)
        table.add_row(str(event.id), when(event), arrow, _escape(counterpart),
                      kind_label(event.kind),
                      _escape(place(event)), _escape(event.topic or f"({event.topic_category})"))
    print_table(console(), table)


@app.command("stats")
def stats(
    by: str = typer.Option(
        "month", "--by", metavar="KEY",
        help="What to count visits by: month, destination, visitor, kind, topic, "
        "visitor_province, host_province, outlet (each outlet that reported a visit), "
        "pair (visitor → destination)."),
    institution: str | None = opt.INSTITUTION,
    side: str | None = opt.SIDE,
    region: str | None = opt.REGION,
    date_from: str | None = opt.DATE_FROM,
    date_to: str | None = opt.DATE_TO,
    kind: str | None = opt.KIND,
    topic: str | None = opt.TOPIC,
    limit: int | None = typer.Option(None, "--limit", "-n", min=1,
                                     help="Rows to show (default: all months, top 20 others)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
    coverage: bool = typer.Option(False, "--coverage", help="Per province: sources "
                                  "configured, articles stored, visits found."),
) -> None:
    """Count visits per month, destination, visitor, kind, topic, province, outlet or pair.

    Each visit counts once, however many outlets reported it. Months run without gaps
    (a month without visits counts 0). --coverage shows instead where the counts are thin:
    per province, sources configured, articles stored, visits found.

    Example: kunker stats --by destination --from 2025-01-01 --to 2025-06-30

    Example: kunker stats --by host_province --kind studi_banding

    Example: kunker stats --coverage
    """
    from kunker.cli.database import reading
    from storage import event_stats
    from storage.stats import STAT_KEYS

    if coverage:
        from kunker.cli.sources_health import print_coverage

        print_coverage(as_json)
        return

    key = opt.check_choice(by, "--by", STAT_KEYS)
    args = opt.FilterArgs(institution, side, region, date_from, date_to, kind, topic)
    with reading() as session:
        built = opt.build_filter(session, args)
        rows = event_stats(session, key, built.flt, limit=limit)  # type: ignore[arg-type]
    print_notes(built.notes)
    if as_json:
        echo_json({"by": key, "rows": [{"key": r.key, "count": r.count,
                                        **({"code": r.code} if r.code else {})}
                                       for r in rows]})
        return
    if not rows:
        typer.echo("no events match")
        return
    biggest = max(r.count for r in rows) or 1
    out = console()
    table = Table(title=f"events by {key}", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column(key)
    table.add_column("events", justify="right")
    if out.is_terminal:  # the bars are for the eye; a pipe gets the numbers
        table.add_column("", no_wrap=True)
    for row in rows:
        cells = [_escape(row.key), str(row.count)]
        if out.is_terminal:
            bar = "█" * round(row.count / biggest * STAT_BAR_WIDTH) if row.count else ""
            cells.append(f"[cyan]{bar}[/cyan]")
        table.add_row(*cells)
    print_table(out, table)


@app.command("show")
def show(
    event_id: str = typer.Argument(..., metavar="EVENT_ID", help="The id from `kunker events`."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
) -> None:
    """Everything about one event: all fields, people, every source URL, evidence sentences.

    Example: kunker show 42
    """
    from kunker.cli.database import reading
    from kunker.ids import is_whole_number, parse_row_id
    from storage import get_event

    if not is_whole_number(event_id):
        raise KunkerError(f"event id {event_id!r}: ids are whole numbers, as in `kunker events`")
    row_id = parse_row_id(event_id)
    detail = None
    if row_id is not None:
        with reading() as session:
            detail = get_event(session, row_id)
    if detail is None:
        raise KunkerError(f"no event with id {event_id.strip()}; find ids with "
                          "`kunker events`")
    record = detail.to_record()
    if as_json:
        echo_json({**record, "location_region_code": detail.location_region_code,
                   "provenance": detail.provenance})
        return
    _print_detail(detail)


def _print_detail(detail: EventDetail) -> None:
    event = detail.summary
    out = console()
    from storage.queries import extracted_by

    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column()
    host_region = event.host_region or ""
    if detail.host_region_code:
        host_region += f" ({detail.host_region_code})"
    if not out.is_terminal:
        typer.echo(f"event {event.id}")
    for label, value in (
        ("kind", event.kind),
        ("visitor", party(event.visitor, event.visitor_unit)),
        ("host", host_of(event)),
        ("host region", host_region),
        ("date", when(event) + ("" if event.date else " (no article gives the visit date; "
                                "the first report's date)")),
        ("location", event.location or ""),
        ("topic", event.topic or ""),
        ("topic category", event.topic_category),
        ("confidence", f"{event.confidence:.2f}"),
        ("extracted by", "; ".join(
            ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(made.items()))
            for made in extracted_by(detail.sources)) or "unknown"),
        ("reported", f"{detail.first_reported} to {detail.last_reported} by "
                     f"{len(detail.sources)} source(s)"),
    ):
        if out.is_terminal:
            fields.add_row(label, _escape(str(value)))
        else:
            typer.echo(f"{label}: {value}" if value != "" else f"{label}:")
    if out.is_terminal:
        out.print(f"[bold]event {event.id}[/bold]")
        out.print(fields)
    if detail.people:
        out.print("\n[bold]people[/bold]")
        for person in detail.people:
            role = f", {person.role}" if person.role else ""
            out.print(f"  {_escape(person.name)} ({person.side}{_escape(role)})")
    out.print("\n[bold]sources[/bold]")
    for source in detail.sources:
        published = source.published.isoformat() if source.published else "undated"
        out.print(f"  {published} {_escape(source.outlet)}: {_escape(source.title or '')}")
        out.print(f"    {_escape(source.url)}", soft_wrap=True)
    if detail.evidence:
        out.print("\n[bold]evidence[/bold]")
        urls = {s.article_id: s.url for s in detail.sources}
        for item in detail.evidence:
            out.print(f"  “{_escape(item.text)}”")
            out.print(f"    [dim]{_escape(urls.get(item.article_id, ''))}[/dim]",
                          soft_wrap=True)
