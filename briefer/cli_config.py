"""The config file as the commands' defaults: `briefer --config FILE COMMAND`, the same after
the command (`briefer build --config FILE`), or ./briefer.toml found by itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from briefer.cli_email import SETTINGS_KEY

CONFIG_HELP = ("Config file of option defaults (default: ./briefer.toml, or [tool.briefer] in "
               "./pyproject.toml).")


def config_option(f: Any) -> Any:
    """`--config FILE` on a command, the same as before it: `briefer build --config x.toml` is
    `briefer --config x.toml build`. Eager, so the file's defaults are in place before the
    command's other options take theirs."""
    def apply(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        if value is not None:
            apply_config(ctx, value)

    return click.option("--config", type=click.Path(path_type=Path, dir_okay=False), is_eager=True,
                        expose_value=False, callback=apply, help=CONFIG_HELP)(f)


def apply_config(ctx: click.Context, config: Path | None) -> None:
    """Make the config file's values the commands' defaults; command-line options override them."""
    from briefer.settings import load_settings

    if ctx.resilient_parsing:  # shell completion and --help never fail on a broken config
        return
    settings = load_settings(config)
    if ctx.parent is None:
        ctx.default_map = {**settings.default_map(), **(ctx.default_map or {})}
    else:  # given after the command: this file's defaults replace those the command inherited
        ctx.default_map = _section(settings.default_map(), ctx)
        ctx.meta.pop(SETTINGS_KEY, None)
    if settings.email:
        from briefer.errors import UsageError
        from briefer.mail import EmailSettings

        try:
            ctx.meta[SETTINGS_KEY] = EmailSettings.from_config(settings.email)
        except UsageError as exc:
            raise UsageError(f"{settings.path} [email]: {exc}".replace("email config: ", "")) from None


def _section(default_map: dict[str, Any], ctx: click.Context) -> dict[str, Any]:
    """The part of a root `default_map` for the command of `ctx` ("templates list": two levels)."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    for name in reversed(names):
        default_map = default_map.get(name, {})
    return default_map
