"""The visit network of exported events: institutions (or regions visited) as nodes, one
directed edge per visit, for Gephi and networkx users (``kunker export --format graphml``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx


def _node_attributes(name: str, is_region: bool) -> dict[str, str]:
    from nlp.gazetteer import describe_institution

    # A region visited without a named host ("Provinsi Bali"): its government carries the code.
    info = describe_institution(f"Pemerintah {name}" if is_region else name)
    return {
        "label": name,
        "kind": "region" if is_region else (info.kind if info else "other"),
        "level": (info.level or "") if info else "",
        "region_code": (info.region_code or "") if info else "",
    }


def _text(value: Any) -> Any:
    """GraphML has no null: missing values become empty strings."""
    return "" if value is None else value


def visit_network(records: Iterable[dict[str, Any]]) -> tuple[nx.MultiDiGraph, int, int]:
    """(graph, edges added, events skipped because a side is unknown)."""
    graph = nx.MultiDiGraph()
    edges = skipped = 0
    for record in records:
        visitor = record["visitor"]["institution"]
        host = record["host"]["institution"]
        target = host or record["host"]["region"]
        if not visitor or not target:
            skipped += 1
            continue
        for name, is_region in ((visitor, False), (target, host is None)):
            if name not in graph:
                graph.add_node(name, **_node_attributes(name, is_region), visits_made=0,
                               visits_received=0)
        graph.nodes[visitor]["visits_made"] += 1
        graph.nodes[target]["visits_received"] += 1
        sources = record["sources"]
        graph.add_edge(
            visitor, target, key=str(record["id"]),
            event_id=record["id"], kind=record["kind"], date=_text(record["date"]),
            visitor_unit=_text(record["visitor"]["unit"]), host_unit=_text(record["host"]["unit"]),
            location=_text(record["location"]), topic=_text(record["topic"]),
            topic_category=record["topic_category"], sources=len(sources),
            url=sources[0]["url"] if sources else "",
        )
        edges += 1
    return graph, edges, skipped
