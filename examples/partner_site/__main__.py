"""python -m examples.partner_site: render pages, keep a synced copy, serve webhooks and previews.

Secrets come from the environment, never from the command line (where any user of
the machine can read them): FORAMEN_PARTNER_KEY (the partner key, ``fpk_…``),
FORAMEN_PREVIEW_KEY (a key with the preview scope; default: the partner key) and
FORAMEN_WEBHOOK_SECRET (the webhook endpoint's ``whsec_…``).
"""

import argparse
import os
import re
import sys
from pathlib import Path

from . import output
from .client import API_VERSIONS, CMSClient, PartnerSiteError
from .render import render_location, render_procedure
from .server import PREVIEW_PATH, WEBHOOK_PATH, PartnerServer, Syncer
from .sync import Store, sync

KEY_VARIABLE = "FORAMEN_PARTNER_KEY"
PREVIEW_KEY_VARIABLE = "FORAMEN_PREVIEW_KEY"
WEBHOOK_SECRET_VARIABLE = "FORAMEN_WEBHOOK_SECRET"  # noqa: S105 (a variable's name)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m examples.partner_site",
        description="A partner site of a Foramen CMS, built from its content API alone.",
        epilog=(
            f"Secrets come from the environment: {KEY_VARIABLE}, {PREVIEW_KEY_VARIABLE}, "
            f"{WEBHOOK_SECRET_VARIABLE}."
        ),
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--base-url", required=True, help="the CMS's address, e.g. http://127.0.0.1:8000"
    )
    common.add_argument(
        "--site-name", default="Partner site", help="name shown in the pages' header"
    )
    common.add_argument(
        "--timeout", type=float, default=15, help="seconds to wait for each answer (default: 15)"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    render = commands.add_parser(
        "render",
        parents=[common],
        help="write a procedure page and a location page as HTML files",
        description="Render a procedure page and a location page as standalone HTML files.",
    )
    render.add_argument(
        "--procedure", help="path of a procedure page, e.g. /procedures/lumbar-foraminotomy/"
    )
    render.add_argument("--location", help="path of a location page, e.g. /locations/dallas-tx/")
    render.add_argument(
        "--out", required=True, type=Path, help="folder for the HTML files (created if missing)"
    )
    render.add_argument(
        "--api", choices=API_VERSIONS, default="v2", help="API version to read (default: v2)"
    )

    for name, help_text in (
        ("sync", "bring the local copy up to date once, and write the pages that changed"),
        ("serve", "take webhooks (each starts a sync) and serve draft previews"),
    ):
        command = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        command.add_argument(
            "--store", required=True, type=Path, help="folder of the local copy and its cursor"
        )
        command.add_argument(
            "--out", required=True, type=Path, help="folder of the HTML pages (created if missing)"
        )
    serve = commands.choices["serve"]
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8100, help="port to listen on (default: 8100)")
    serve.add_argument(
        "--poll",
        type=float,
        default=300,
        help="also sync this often, in seconds, webhook or not (default: 300; 0: never)",
    )
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "render":
            return render_command(parser, args)
        key = os.environ.get(KEY_VARIABLE, "")
        if not key:
            parser.error(f"{args.command} needs a partner key in {KEY_VARIABLE}")
        client = CMSClient(args.base_url, timeout=args.timeout, key=key)
        if args.command == "sync":
            return sync_command(client, args)
        return serve_command(parser, client, args)
    except PartnerSiteError as error:
        print(f"partner_site: {error}", file=sys.stderr)
        return 1


def render_command(parser, args):
    if not args.procedure and not args.location:
        parser.error("give --procedure, --location or both")
    jobs = [
        (path, render)
        for path, render in ((args.procedure, render_procedure), (args.location, render_location))
        if path
    ]
    key = os.environ.get(KEY_VARIABLE) or None
    client = CMSClient(args.base_url, api=args.api, timeout=args.timeout, key=key)
    documents = []
    for path, render in jobs:
        page = client.find_page(path)
        documents.append((file_name(page), render(page, site_name=args.site_name)))
    args.out.mkdir(parents=True, exist_ok=True)
    for name, html in documents:
        target = args.out / name
        target.write_text(html, encoding="utf-8")
        print(target)
    return 0


def file_name(page):
    slug = (page.get("meta") or {}).get("slug") or str(page.get("id", "page"))
    return re.sub(r"[^A-Za-z0-9_-]+", "-", slug).strip("-") + ".html"


def sync_command(client, args):
    changes = sync(client, Store.open(args.store))
    written, removed = output.apply(args.out, changes, args.site_name)
    for path in written:
        print(f"written {path}")
    for path in removed:
        print(f"removed {path}")
    return 0


def serve_command(parser, client, args):
    webhook_secret = os.environ.get(WEBHOOK_SECRET_VARIABLE, "")
    if not webhook_secret:
        parser.error(f"serve needs the webhook endpoint's secret in {WEBHOOK_SECRET_VARIABLE}")
    preview_key = os.environ.get(PREVIEW_KEY_VARIABLE) or client.key
    preview_client = CMSClient(args.base_url, timeout=args.timeout, key=preview_key)
    syncer = Syncer(
        client, Store.open(args.store), args.out, args.site_name, poll_seconds=args.poll or None
    )
    server = PartnerServer(
        (args.host, args.port),
        syncer=syncer,
        webhook_secret=webhook_secret,
        preview_client=preview_client,
        site_name=args.site_name,
        cms_origin=client.base_url,
    )
    address = f"http://{args.host}:{server.server_port}"
    print(f"partner_site: webhooks at {address}{WEBHOOK_PATH}", flush=True)
    print(f"partner_site: previews at {address}{PREVIEW_PATH}?token={{token}}", flush=True)
    syncer.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        syncer.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
