"""``credscore keys create``: make an API key, print it once, and print the hash line for configuration."""

from __future__ import annotations

import json

import click

from api.auth import ROLES, hash_key, new_key


@click.group()
def keys() -> None:
    """Manage API keys (only their sha256 hashes are ever stored)."""


@keys.command()
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the key may do (admin includes editor).")
@click.option("--org", required=True, help="The organisation the key acts for (labels are scoped to it).")
@click.option("--id", "key_id", default=None, help="A public name for the key (default: the first 12 hash digits).")
def create(role: str, org: str, key_id: str | None) -> None:
    """Print a new key (give it to the client; it is not shown again) and its entry for CREDSCORE_API_KEYS."""
    if not org.strip():
        raise click.BadParameter("must not be blank", param_hint="--org")
    key = new_key()
    digest = hash_key(key)
    entry = {"hash": digest, "role": role, "org": org.strip(), "id": key_id or digest[:12]}
    click.echo(f"key: {key}")
    click.echo(f"config: {json.dumps(entry)}")
    click.echo(
        "Add the config entry to the CREDSCORE_API_KEYS JSON list; the key itself is not stored anywhere.", err=True
    )
