"""Command-line tasks: ``flask --app wsgi demo | create-admin | rerender | search-reindex | media-check``."""
from __future__ import annotations

import click
from flask import Flask

from app.extensions import db


def register(app: Flask) -> None:
    @app.cli.command("demo")
    @click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when the database has users.")
    @click.option("--replies", default=0, show_default=True, type=click.IntRange(0, 100_000),
                  help="Add this many replies, spread in a tree, to each demo forum thread.")
    def demo(if_empty: bool, replies: int) -> None:
        """Load the demo classes and users into an empty database."""
        from app import demo as demo_data

        if not demo_data.is_empty():
            if if_empty:
                click.echo("Demo data: the database already has users; nothing to do.")
                return
            raise click.ClickException("The database is not empty. Use a new database for the demo.")
        demo_data.load()
        if replies:
            from app.forum.demo import add_replies

            add_replies(replies)
        db.session.commit()
        click.echo(f"Demo data loaded. Log in as teacher@example.com with the password {demo_data.PASSWORD}.")

    @app.cli.command("create-admin")
    @click.argument("email")
    @click.option("--name", default="Site admin", help="Display name for a new account.")
    def create_admin(email: str, name: str) -> None:
        """Make EMAIL a site admin (creates the account if needed)."""
        from app.auth import services
        from app.auth.passwords import password_problem

        user = services.find_user_by_email(email)
        if user is None:
            password = click.prompt("Password for the new account", hide_input=True, confirmation_prompt=True)
            problem = password_problem(password)
            if problem:
                raise click.ClickException(problem)
            user = services.register_user(email, name, password, is_admin=True)
        user.is_admin = True
        db.session.commit()
        click.echo(f"{user.email} is a site admin.")

    @app.cli.command("rerender")
    def rerender() -> None:
        """Render all stored user text again (after the writing pipeline changes)."""
        from app.rendering import rerender_all

        counts = rerender_all()
        db.session.commit()
        click.echo("Rendered again: " + (", ".join(f"{n} {what}" for what, n in counts.items()) or "nothing"))

    @app.cli.command("search-reindex")
    def search_reindex() -> None:
        """Build the search index again from every post, wiki page and discussion (after a deploy)."""
        from app.search.index import reindex_all

        written = reindex_all(db.session.connection())
        db.session.commit()
        click.echo(f"Search index built: {written} posts, pages and discussions.")

    @app.cli.command("media-check")
    def media_check() -> None:
        """List stored files without a row (a post), and rows (posts) whose file is missing.

        Exits with 1 when it found something, so a cron job can report it."""
        from app.media.services import check

        found = check()
        for name in found.files_without_row:
            click.echo(f"file without a post: {name}")
        for row in found.rows_without_file:
            click.echo(f"post {row.post_id} has no file: {row.stored} (media {row.id})")
        for row in found.rows_without_post:
            click.echo(f"file of no post: media {row.id} ({row.stored})")
        if found.files_without_row or found.rows_without_file or found.rows_without_post:
            raise SystemExit(1)
        click.echo("Media: every file has its post and every post its file.")
