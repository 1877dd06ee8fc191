"""Markdown -> a self-contained HTML page (inline CSS, images as data URIs, footnotes as links)."""

from __future__ import annotations

import html

CSS = """body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;
color:#111;line-height:1.45}h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.25em .5em;
vertical-align:top;font-size:.92em}.handling{text-align:center;font-weight:bold;letter-spacing:.05em}
.footnotes{font-size:.85em}img{max-width:100%}"""


def parser():  # type: ignore[no-untyped-def]
    """The one Markdown parser briefer uses: CommonMark, tables and footnotes."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)


def markdown_to_html(md: str, *, title: str, handling: str | None = None) -> str:
    """Render Markdown as a complete HTML document."""
    body = parser().render(md)
    banner = f'<p class="handling">{html.escape(handling)}</p>\n' if handling else ""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="generator" content="briefer">\n'
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"{banner}{body}{banner}</body>\n</html>\n")
