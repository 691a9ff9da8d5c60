"""python -m examples.partner_site: fetch a procedure and a location, write them as HTML files."""

import argparse
import re
import sys
from pathlib import Path

from .client import API_VERSIONS, CMSClient, PartnerSiteError
from .render import render_location, render_procedure


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m examples.partner_site",
        description=(
            "Render a procedure page and a location page of a Foramen CMS as standalone HTML "
            "files, from the CMS's content API alone."
        ),
    )
    parser.add_argument(
        "--base-url", required=True, help="the CMS's address, e.g. http://127.0.0.1:8000"
    )
    parser.add_argument(
        "--procedure", help="path of a procedure page, e.g. /procedures/lumbar-foraminotomy/"
    )
    parser.add_argument("--location", help="path of a location page, e.g. /locations/dallas-tx/")
    parser.add_argument(
        "--out", required=True, type=Path, help="folder for the HTML files (created if missing)"
    )
    parser.add_argument(
        "--api", choices=API_VERSIONS, default="v2", help="API version to read (default: v2)"
    )
    parser.add_argument(
        "--site-name", default="Partner site", help="name shown in the pages' header"
    )
    parser.add_argument(
        "--timeout", type=float, default=15, help="seconds to wait for each answer (default: 15)"
    )
    return parser


def file_name(page):
    slug = (page.get("meta") or {}).get("slug") or str(page.get("id", "page"))
    return re.sub(r"[^A-Za-z0-9_-]+", "-", slug).strip("-") + ".html"


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.procedure and not args.location:
        parser.error("give --procedure, --location or both")
    jobs = [
        (path, render)
        for path, render in ((args.procedure, render_procedure), (args.location, render_location))
        if path
    ]
    try:
        client = CMSClient(args.base_url, api=args.api, timeout=args.timeout)
        documents = []
        for path, render in jobs:
            page = client.find_page(path)
            documents.append((file_name(page), render(page, site_name=args.site_name)))
    except PartnerSiteError as error:
        print(f"partner_site: {error}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, html in documents:
        target = args.out / name
        target.write_text(html, encoding="utf-8")
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
