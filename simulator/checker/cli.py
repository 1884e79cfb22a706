"""`keitai check URL ...`: the compliance checker's command line.

Exit status: 0 when nothing at the --fail-on level was found, 1 when something was (or a
handset could not log in), 2 when the site could not be reached.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from simulator.checker.crawl import DEFAULT_MAX_PAGES, Login, Unreachable
from simulator.checker.run import UnknownHandset, check_site, select_profiles
from simulator.profiles import builtin_profiles

#: exit status when the site did not answer
UNREACHABLE = 2


@click.command("check")
@click.argument("url")
@click.option("--handset", "handsets", multiple=True, metavar="NAME",
              help="a simulator profile name (repeatable); default: one handset per markup "
                   "generation of each carrier")
@click.option("--all-handsets", is_flag=True, help="check as every built-in handset")
@click.option("--max-pages", default=DEFAULT_MAX_PAGES, show_default=True,
              type=click.IntRange(1, None), help="pages crawled per handset")
@click.option("--same-prefix", is_flag=True,
              help="follow only links under the start URL's path")
@click.option("--login", "email", metavar="EMAIL",
              help="log in first through the site's own login form")
@click.option("--password-stdin", "password_stdin", is_flag=True,
              help="read the --login password from standard input")
@click.option("--report", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="write the reviewer's HTML report here")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="write every page and finding as JSON here")
@click.option("--fail-on", "fail_on", type=click.Choice(["error", "warning"]),
              default="error", show_default=True,
              help="exit with 1 when anything this bad (or worse) was found")
def check(url: str, handsets: tuple[str, ...], all_handsets: bool, max_pages: int,
          same_prefix: bool, email: str | None, password_stdin: bool,
          html_path: Path | None, json_path: Path | None, fail_on: str) -> None:
    """Crawl a keitai site as each handset and report what breaks its rules."""
    from simulator.checker import jsonout, report, terminal

    if not url.startswith(("http://", "https://")):
        raise click.BadParameter("give an http:// or https:// address", param_hint="URL")
    if password_stdin and not email:
        raise click.UsageError("--password-stdin goes with --login EMAIL")
    try:
        profiles = select_profiles(handsets, all_handsets)
    except UnknownHandset as error:
        names = ", ".join(p.name for p in builtin_profiles())
        raise click.BadParameter(f"unknown handset {error}; the handsets are: {names}",
                                 param_hint="--handset") from error
    login = None
    if email:
        password = (sys.stdin.readline().rstrip("\r\n") if password_stdin
                    else click.prompt("Password", hide_input=True, err=True))
        login = Login(email, password)
    try:
        with terminal.ProgressBar([p.name for p in profiles], max_pages=max_pages) as bar:
            found = check_site(url, profiles, max_pages=max_pages, same_prefix=same_prefix,
                               login=login, progress=bar)
    except Unreachable as error:
        click.echo(f"keitai check: the site could not be reached: {error}", err=True)
        sys.exit(UNREACHABLE)
    click.echo(terminal.summary_table(found))
    if json_path is not None:
        jsonout.write_json(found, json_path)
        click.echo(f"JSON written to {json_path}")
    if html_path is not None:
        report.write_html(found, html_path)
        click.echo(f"report written to {html_path}")
    sys.exit(1 if found.failed(fail_on) else 0)
