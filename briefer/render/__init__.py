"""Render a Brief: Jinja2 -> Markdown -> docx | html | md, or the Brief itself as JSON.

Writers are a registry keyed by format (`WRITERS`); a new format is one entry.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.errors import UsageError
from briefer.model import Brief, to_dict

SUFFIXES = {".docx": "docx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".json": "json"}


@dataclass
class RenderOptions:
    """How to render: which template folder, reference document and template name."""

    templates: Path | None = None
    reference: Path | None = None
    template: str = "brief.md.j2"
    cache: bool = False  # reuse the timeline figure from the rebuild cache


def format_for(path: str | None, fmt: str | None) -> str:
    """The output format: as given, else from the output suffix, else docx."""
    if fmt:
        if fmt not in WRITERS:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(WRITERS)}")
        return fmt
    if path and path != "-":
        return SUFFIXES.get(Path(path).suffix.lower(), "docx")
    return "docx"


def render(brief: Brief, fmt: str = "docx", options: RenderOptions | None = None) -> bytes:
    """Render the brief in the given format and return the bytes to write."""
    return WRITERS[format_for(None, fmt)](brief, options or RenderOptions())


def to_markdown(brief: Brief, options: RenderOptions, image_ref: Callable[[bytes], str],
                fmt: str = "md") -> str:
    """Run the templates; `image_ref` turns the timeline PNG into the link the format needs."""
    from briefer.render.templating import make_env, render_markdown
    from briefer.render.timeline import timeline_png

    png = timeline_png(brief.timeline, cache=options.cache)
    context: dict[str, Any] = {
        "brief": brief,
        "theme_titles": {s.theme.id: s.theme.title for s in brief.sections},
        "sources_by_id": {s.id: s for s in brief.sources},
        "timeline_image": image_ref(png) if png else None,
        "format": fmt,
    }
    env = make_env(options.templates)
    return render_markdown(env, options.template, context, brief.sources)


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def write_md(brief: Brief, options: RenderOptions) -> bytes:
    """Markdown with `[^n]` footnotes; the timeline figure inline as a data URI."""
    return ("<!-- generator: briefer -->\n" + to_markdown(brief, options, _data_uri)).encode("utf-8")


def write_html(brief: Brief, options: RenderOptions) -> bytes:
    """A self-contained HTML page (inline CSS and image) for email bodies and the web."""
    from briefer.render.html import markdown_to_html

    md = to_markdown(brief, options, _data_uri, "html")
    return markdown_to_html(md, title=brief.title, handling=brief.handling).encode("utf-8")


def write_docx(brief: Brief, options: RenderOptions) -> bytes:
    """A Word document with real footnotes, header, footer and page numbers."""
    from briefer.mail import summary_from_brief
    from briefer.render.citation import human_date
    from briefer.render.docx import markdown_to_docx
    from briefer.render.reference import builtin_reference

    images: dict[str, bytes] = {}

    def keep(png: bytes) -> str:
        images["timeline.png"] = png
        return "timeline.png"

    md = to_markdown(brief, options, keep, "docx")
    stamp = build_time(brief)
    header = brief.title + (f" — information as of {human_date(brief.as_of)}" if brief.as_of else "")
    return markdown_to_docx(
        md, images=images, reference=options.reference or builtin_reference(), handling=brief.handling,
        header=header,
        core={"title": brief.title, "subject": "Policy brief", "author": brief.prepared_by or "briefer",
              "keywords": ", ".join(s.theme.title for s in brief.sections),
              "created": stamp, "modified": stamp},
        custom={"briefer.summary": json.dumps(summary_from_brief(brief), ensure_ascii=False,
                                              sort_keys=True)},
    )


def write_json(brief: Brief, options: RenderOptions) -> bytes:
    """The assembled Brief as JSON."""
    data = {"generator": "briefer " + (brief.version or ""), **to_dict(brief)}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


WRITERS: dict[str, Callable[[Brief, RenderOptions], bytes]] = {
    "docx": write_docx, "md": write_md, "html": write_html, "json": write_json,
}


def build_time(brief: Brief) -> dt.datetime:
    """The document's timestamp: SOURCE_DATE_EPOCH, else the as-of date; never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    if brief.as_of:
        parts = [int(p) for p in brief.as_of.split("-")] + [1, 1]
        return dt.datetime(parts[0], parts[1], parts[2])
    return dt.datetime(2000, 1, 1)
