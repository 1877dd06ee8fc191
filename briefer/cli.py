"""The command line: each command parses its options, makes one library call, and turns a
BrieferError into a one-line message and its exit code (0 ok, 1 usage, 2 input, 3 delivery,
4 template). Heavy imports happen inside commands so `briefer --help` stays fast."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from briefer import DEFAULT_MODEL, __version__
from briefer.cli_config import CONFIG_HELP, apply_config, config_option
from briefer.cli_email import (
    SETTINGS_KEY,
    CliError,
    deliver_from_options,
    email_command,
    email_options,
    wants_email,
)
from briefer.errors import BrieferError, printable

SEEDS = Path("seeds")
BRIEF_KEYS = ("output", "fmt", "title", "handling", "prepared_by", "length", "templates", "reference",
              "force")
DEFAULT_OUT = "out/brief.docx"
MAX_INPUT_LIMIT = 2**31 - 1  # --max-input: past 2 GiB a source is no brief's, and reads overflow


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM, carried past click (which would print "Aborted!" and exit 1) to main."""


class UsageLine(click.ClickException):
    """A click usage error (unknown option, bad value) as one line, exit 1: click's own prints the
    usage and a hint over three to six lines and exits 2, the code of bad input."""

    exit_code = 1

    def __init__(self, exc: click.UsageError) -> None:
        command = exc.ctx.command_path if exc.ctx is not None else "briefer"
        super().__init__(f"{exc.format_message()} (see {command} --help)")

    def format_message(self) -> str:
        return printable(self.message)


def usage_line(exc: click.UsageError) -> click.ClickException:
    """The one-line form of a usage error; bare `briefer` still shows the help (exit 1)."""
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        exc.exit_code = 1  # type: ignore[misc]
        return exc
    return UsageLine(exc)


class Group(click.Group):
    """Runs a command, turning briefer's errors (and any crash) into one-line messages."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:  # options before the command: `briefer --foo build`
            raise usage_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise usage_line(exc) from None
        except BrieferError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise CliError(exc) from None
        except KeyboardInterrupt:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise Interrupted from None  # click would turn it into "Aborted!", exit 1
        except BrokenPipeError:  # `briefer build -o - | head`: the reader left; quiet, like any tool
            from briefer.deliver import quiet_stdout

            quiet_stdout()
            raise click.exceptions.Exit(141) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # never a traceback for the user; --debug shows it
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise CliError(BrieferError(f"internal error: {type(exc).__name__}: {exc} "
                                       "(run with --debug for details)")) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="briefer")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False), help=CONFIG_HELP)
@click.pass_context
def cli(ctx: click.Context, debug: bool, config: Path | None) -> None:
    """Turn a folder of source documents into a footnoted Word policy brief.

    \b
    Example:
      briefer build seeds/ -o out/brief.docx --themes seeds/themes.toml
    """
    ctx.obj = {"debug": debug}
    apply_config(ctx, config)


def source_options(f: Any) -> Any:
    """Options shared by the commands that read sources."""
    for option in reversed([
        click.argument("sources", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--themes", "themes", type=click.Path(path_type=Path),
                     help="Themes TOML file (default: themes.toml beside the sources)."),
        click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy model package."),
        click.option("--encoding", help="Decode text sources with this encoding."),
        click.option("--max-input", "max_input", type=click.IntRange(1, MAX_INPUT_LIMIT),
                     default=20 * 1024 * 1024, show_default=True,
                     help="Largest source file, in bytes (and characters of text it may hold)."),
        click.option("--strict", is_flag=True, help="Fail if any input file cannot be used."),
        click.option("-j", "--jobs", type=click.IntRange(min=1),
                     help="Worker processes for parsing (default: the cores, from 50 sources up)."),
        click.option("--scheduler", envvar="BRIEFER_SCHEDULER", metavar="ADDRESS",
                     help="Parse on a Dask cluster: tcp://HOST:8786, or local:N to start N workers here "
                          "(needs briefer[dask]; see docs/SCALING.md)."),
        click.option("--no-cache", "no_cache", is_flag=True,
                     help="Neither read nor write the rebuild cache (see docs/SCALING.md)."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar on standard error."),
    ]):
        f = option(f)
    return f


def brief_options(f: Any) -> Any:
    """Options shared by the commands that write a brief."""
    for option in reversed([
        click.option("-o", "--output", default=DEFAULT_OUT, show_default=True,
                     help="Output file, or - for standard output."),
        click.option("--format", "fmt", type=click.Choice(["docx", "md", "html", "json"]),
                     help="Output format (default: from the output suffix)."),
        click.option("--title", help="Brief title (default: from the themes file)."),
        click.option("--handling", help="Handling line shown top and bottom of every page."),
        click.option("--prepared-by", "prepared_by", help="Who prepared the brief."),
        click.option("--length", type=click.Choice(["short", "standard", "full"]), default="standard",
                     show_default=True, help="How much of what was found the brief shows."),
        click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
                     help="Folder of templates that override the built-in ones."),
        click.option("--reference-docx", "reference", type=click.Path(path_type=Path),
                     help="A .docx whose styles, page setup, header and footer the brief uses."),
        click.option("--force", is_flag=True, help="Replace an output file briefer did not write."),
    ]):
        f = option(f)
    return f


def _extract(sources: tuple[Path, ...], themes: Path | None, model: str, encoding: str | None,
             max_input: int, strict: bool, title: str | None = None, jobs: int | None = None,
             no_cache: bool = False, quiet: bool = False, scheduler: str | None = None) -> Any:
    from briefer.config import load_themes
    from briefer.parallel import StderrProgress
    from briefer.pipeline import ExtractOptions, extract

    paths = list(sources) or [SEEDS]
    if themes is None:
        beside = (paths[0] if paths[0].is_dir() else paths[0].parent) / "themes.toml"
        themes = beside if beside.is_file() else None
    theme_set = load_themes(themes) if themes else None
    progress = StderrProgress(enabled=not quiet)
    opts = ExtractOptions(model=model, encoding=encoding, max_bytes=max_input, strict=strict, title=title,
                          jobs=jobs, scheduler=scheduler, cache=not no_cache, progress=progress)
    try:
        extraction = extract(paths, theme_set, opts)
    finally:
        progress.close()
    warn_inputs(extraction)
    return extraction


def warn_inputs(extraction: Any) -> None:
    """Report skipped files and reading problems on stderr: "Warning: FILE: problem"."""
    for skipped in extraction.skipped:
        warn(f"{skipped.path}: skipped: {skipped.reason}")
    for src in extraction.sources:
        for problem in src.warnings:
            warn(f"{src.path}: {problem}")


def warn(message: str) -> None:
    """One `Warning: ...` line on stderr; a file name cannot break it or forge another."""
    click.echo(f"Warning: {printable(message)}", err=True)


def check_output(output: str, fmt: str | None, force: bool, formats: tuple[str, ...] | None = None) -> None:
    """Usage and output errors found from the options alone, before any work: a suffix briefer
    does not write (`-o x.pdf` would have been a .docx named .pdf), binary output to a terminal,
    and the path checks of deliver.check_target."""
    from briefer.deliver import check_target
    from briefer.errors import OutputError, UsageError
    from briefer.render import SUFFIXES

    suffix = Path(output).suffix.lower() if output != "-" else ""
    known = {s: f for s, f in SUFFIXES.items() if formats is None or f in formats}
    if fmt is None and suffix and suffix not in known and not output.endswith(("/", os.sep)):
        raise UsageError(f"{output}: briefer writes {', '.join(sorted(known))} files, not '{suffix}'; "
                         "give --format to write one of those under this name")
    if output == "-" and sys.stdout is None:  # started with standard output closed (`>&-`)
        raise OutputError("-: standard output is closed; give -o FILE")
    if output == "-" and fmt in (None, "docx") and (formats is None or "docx" in formats) \
            and sys.stdout.isatty():
        raise UsageError("-o - would write a binary .docx to the terminal; give --format md, html or "
                         "json, or redirect standard output to a file")
    check_target(output, force=force)


def _write_brief(extraction: Any, output: str, fmt: str | None, title: str | None,
                 handling: str | None, prepared_by: str | None, length: str,
                 templates: Path | None, reference: Path | None, force: bool, cache: bool = False) -> Any:
    from briefer.assemble import BriefOptions, assemble
    from briefer.deliver import write_output
    from briefer.render import RenderOptions, format_for, render

    brief = assemble(extraction, BriefOptions(title=title, handling=handling,
                                              prepared_by=prepared_by, length=length))
    kind = format_for(output, fmt)
    data = render(brief, kind, RenderOptions(templates=templates, reference=reference, cache=cache))
    write_output(output, data, force=force)
    if output != "-":
        click.echo(printable(f"Wrote {output} ({kind}, {len(brief.sources)} sources)"), err=True)
    return brief


@cli.command()
@config_option
@source_options
@brief_options
@email_options
@click.pass_context
def build(ctx: click.Context, sources: tuple[Path, ...], themes: Path | None, model: str,
          encoding: str | None, max_input: int, strict: bool, jobs: int | None, scheduler: str | None,
          no_cache: bool, quiet: bool, **options: Any) -> None:
    """Build a brief from SOURCES (files or folders; default: seeds/).

    \b
    Examples:
      briefer build                     # seeds/ -> out/brief.docx
      briefer build news/ -o out/brief.docx --themes news/themes.toml
      briefer build news/ -o - --format md
      briefer build news/ --email-to ana@example.org --eml out/brief.eml
    """
    brief = {k: options.pop(k) for k in BRIEF_KEYS}
    check_output(brief["output"], brief["fmt"], brief["force"])
    extraction = _extract(sources, themes, model, encoding, max_input, strict, brief.get("title"),
                          jobs, no_cache, quiet, scheduler)
    built = _write_brief(extraction, **brief, cache=not no_cache)
    if wants_email(options):
        from briefer.errors import UsageError
        from briefer.mail import summary_from_brief
        from briefer.render.templating import make_env

        if brief["output"] == "-" or not brief["output"].endswith(".docx"):
            raise UsageError("emailing a brief needs a .docx output file (-o out/brief.docx)")
        deliver_from_options(Path(brief["output"]), options, ctx.meta.get(SETTINGS_KEY),
                             summary=summary_from_brief(built), env=make_env(brief["templates"]),
                             force=brief["force"])


@cli.command("extract")
@config_option
@source_options
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Output format.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, or - for stdout.")
@click.option("--force", is_flag=True, help="Replace an output file briefer did not write.")
def extract_cmd(sources: tuple[Path, ...], themes: Path | None, model: str, encoding: str | None,
                max_input: int, strict: bool, jobs: int | None, scheduler: str | None, no_cache: bool,
                quiet: bool, fmt: str, output: str, force: bool) -> None:
    """Extract quotes, figures, events and facts from SOURCES as JSON.

    \b
    Example:
      briefer extract seeds/ --format json > out/extract.json
    """
    from briefer.deliver import write_output
    from briefer.jsonio import dump_extraction

    check_output(output, fmt, force, formats=("json",))
    extraction = _extract(sources, themes, model, encoding, max_input, strict, None, jobs, no_cache, quiet,
                          scheduler)
    write_output(output, dump_extraction(extraction), force=force)


@cli.command("render")
@config_option
@click.argument("extraction", type=click.Path(path_type=Path))
@brief_options
def render_cmd(extraction: Path, **brief: Any) -> None:
    """Render a brief from an EXTRACTION written by `briefer extract`.

    \b
    Example:
      briefer render out/extract.json -o out/brief.docx
    """
    from briefer.jsonio import load_extraction

    check_output(brief["output"], brief["fmt"], brief["force"])
    _write_brief(load_extraction(extraction), **brief)


cli.add_command(config_option(email_command))


@cli.group("templates", cls=Group)
def templates_group() -> None:
    """List the brief's templates, or copy them to a folder to edit.

    \b
    Examples:
      briefer templates list --templates house/
      briefer templates init house/
      briefer build --templates house/
    """


@templates_group.command("list")
@config_option
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of templates that override the built-in ones.")
def templates_list(templates: Path | None) -> None:
    """Show every template and where it comes from (your folder or built in)."""
    from briefer.render.templating import template_origins

    for name, origin in template_origins(templates):
        click.echo(f"{name:<20} {origin}")


@templates_group.command("init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Replace files already in FOLDER.")
def templates_init(folder: Path, force: bool) -> None:
    """Copy the built-in templates (and reference.docx) into FOLDER to edit."""
    from briefer.render.templating import copy_builtins

    for path in copy_builtins(folder, force=force):
        click.echo(f"Wrote {path}", err=True)
    click.echo(f"Use them with: briefer build --templates {folder}", err=True)


class _Terminated(Interrupted):
    """SIGTERM, raised where the main process is, so that `finally` blocks run."""


def _terminated(signum: int, frame: Any) -> None:
    raise _Terminated


def main() -> None:
    """Entry point for the `briefer` script and `python -m briefer`."""
    import gc
    import signal

    # A run allocates many objects that live until it ends (the model's, the parses'): the default
    # threshold scans them every 700 allocations for cycles it seldom finds (about 5% of a build's
    # CPU); cycles are still collected, a hundred times less often.
    gc.set_threshold(70_000, 10, 10)

    # SIGTERM unwinds like Ctrl-C, so worker processes are stopped and temporaries removed
    signal.signal(signal.SIGTERM, _terminated)
    _hold_std_fds()
    try:
        cli(prog_name="briefer")
    except _Terminated:
        click.echo("Terminated", err=True)
        sys.exit(143)
    except (KeyboardInterrupt, Interrupted):
        click.echo("Interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # the reader left while Python flushed: not an error of ours
        from briefer.deliver import quiet_stdout

        quiet_stdout()
        sys.exit(141)


def _hold_std_fds() -> None:
    """Standard streams closed at start (`>&-`) get /dev/null, so that no file briefer opens
    takes their numbers; sys.stdout stays None, so `-o -` is refused in one line."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
