"""`keitai news ...`: the operators' news feeds and their picks, from the command line."""
from __future__ import annotations

import click

from keitai.cli_accounts import app_context, unit_of_work


def _refused(error: Exception) -> click.ClickException:
    """Return the error a refusal becomes (its Japanese message)."""
    return click.ClickException(getattr(error, "message", str(error)))


@click.group()
def news() -> None:
    """Manage the news feeds (ニュース) and the operators' picks (ピックアップ)."""


@news.command("add-feed")
@click.argument("url")
@click.option("--category", required=True,
              help="domestic, world, politics, economy, local, sports, entertainment, it, "
                   "game or column")
def add_feed(url: str, category: str) -> None:
    """Add an RSS/Atom feed of a category; print its id (its first fetch is due at once)."""
    from keitai.domain import DomainError
    from keitai.features.news import service

    try:
        with unit_of_work():
            feed_id = service.add_feed(url, category).id
    except DomainError as refused:
        raise _refused(refused) from None
    click.echo(feed_id)


@news.command("feeds")
def list_feeds() -> None:
    """List the feeds: id, category, url, last fetch, failures, last error."""
    from keitai.features.news import service
    from keitai.timefmt import jst_time

    with app_context():
        for feed in service.feeds():
            last = jst_time(feed.last_fetched_at, True) if feed.last_fetched_at else "-"
            click.echo("\t".join([str(feed.id), feed.category, feed.url, last,
                                  str(feed.failures), feed.last_error or ""]))


@news.command("remove-feed")
@click.argument("feed_id", type=click.IntRange(1, None))
def remove_feed(feed_id: int) -> None:
    """Stop fetching a feed (the items it brought stay)."""
    from keitai.domain import DomainError
    from keitai.features.news import service

    try:
        with unit_of_work():
            url = service.remove_feed(feed_id).url
    except DomainError as refused:
        raise _refused(refused) from None
    click.echo(f"removed feed {feed_id}: {url}")


@news.command("fetch")
@click.option("--feed", "feed_id", type=click.IntRange(1, None), help="only this feed")
def fetch_now(feed_id: int | None) -> None:
    """Fetch every feed (or one) now, here, and print what came."""
    from keitai.features.news import service
    from keitai.features.news.refresh import refresh
    from keitai.uow import unit_of_work as unit

    with app_context():
        ids = [feed_id] if feed_id is not None else [feed.id for feed in service.feeds()]
        failed = False
        for one in ids:
            with unit():  # each feed committed on its own
                outcome = refresh(one)
            if outcome is None:
                raise click.ClickException(f"no feed has the id {one}")
            if outcome.error is not None:
                failed = True
                click.echo(f"feed {one} {outcome.url}: failed: {outcome.error}")
                continue
            state = "not modified" if outcome.status == 304 else (
                f"{len(outcome.added)} new, {outcome.known} known")
            click.echo(f"feed {one} {outcome.url}: {state}")
            for title in outcome.added:
                click.echo(f"  + {title}")
            if outcome.problem:
                click.echo(f"  ! {outcome.problem}")
    if failed:
        raise SystemExit(1)


def _pick(item_id: int, picked: bool) -> None:
    from keitai.domain import DomainError
    from keitai.features.news import service

    try:
        with unit_of_work():
            item = service.pick(item_id) if picked else service.unpick(item_id)
            title = item.title
    except DomainError as refused:
        raise _refused(refused) from None
    click.echo(f"{'picked' if picked else 'unpicked'} {item_id}: {title}")


@news.command("pick")
@click.argument("item_id", type=click.IntRange(1, None))
def pick(item_id: int) -> None:
    """Make an item ピックアップ (the news top and home show it first)."""
    _pick(item_id, True)


@news.command("unpick")
@click.argument("item_id", type=click.IntRange(1, None))
def unpick(item_id: int) -> None:
    """Take an item out of ピックアップ."""
    _pick(item_id, False)
