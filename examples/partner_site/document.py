"""The HTML document around a page's content: head, skip link, header, footer, styles."""

from string import Template
from urllib.parse import urlsplit

from .client import PartnerSiteError
from .markup import esc, safe_url

PAGE = Template(
    """<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<meta name="description" content="$description">
<link rel="canonical" href="$canonical">
<style>$css</style>
</head>
<body class="$body_class">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><p class="site-name">$site_name</p></header>
<main id="main">
<article class="article">
$content
</article>
</main>
<footer class="site-footer">
<p>Content from <a href="$canonical">$source</a>, read through its content API.</p>
</footer>
</body>
</html>
"""
)

CSS = """
:root { font-family: system-ui, sans-serif; line-height: 1.5; color: #1d2a33; }
body { margin: 0; }
.site-header, .site-footer, main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
img { max-width: 100%; height: auto; }
.lead { font-size: 1.15rem; }
.facts dl, .phones { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
.facts dt, .phones dt { font-weight: 600; }
.facts dd, .phones dd { margin: 0; }
.cards { list-style: none; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
.card { border: 1px solid #c9d3da; border-radius: .5rem; padding: 1rem; overflow-wrap: anywhere; }
.cta { background: #eef5f9; border-radius: .5rem; padding: 1rem 1.25rem; margin: 1.5rem 0; }
.cta__button { display: inline-block; background: #0b5d8a; color: #fff; padding: .5rem 1rem;
  border-radius: .25rem; text-decoration: none; font-weight: 600; }
.testimonials ul { list-style: none; padding: 0; }
.testimonial { border-left: 4px solid #0b5d8a; padding-left: 1rem; margin-bottom: 1.5rem; }
.testimonial blockquote { margin: 0 0 .5rem; }
.testimonial figcaption span { display: block; }
.testimonial__name { font-weight: 600; }
.timeline dt { font-weight: 600; }
.timeline dd { margin: 0 0 .5rem; }
.disclosure { color: #4a5a66; font-size: .875rem; }
.statistic__figure { font-size: 2rem; font-weight: 700; display: block; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .25rem 1rem .25rem 0; }
"""


def require_type(page, page_type):
    actual = (page.get("meta") or {}).get("type")
    if actual != page_type:
        raise PartnerSiteError(
            f"{page.get('title', 'The page')!r} is a {actual}, not a {page_type}."
        )


def document(page, content, site_name, body_class):
    meta = page.get("meta") or {}
    seo = page.get("seo") or {}
    canonical = safe_url(page.get("page_url") or meta.get("html_url")) or ""
    return PAGE.substitute(
        lang=esc(meta.get("locale") or "en"),
        title=esc(f"{seo.get('title') or page.get('title', '')} | {site_name}"),
        description=esc(seo.get("description") or page.get("summary") or ""),
        canonical=esc(canonical),
        css=CSS,
        body_class=esc(body_class),
        site_name=esc(site_name),
        source=esc(urlsplit(canonical).netloc or "the CMS"),
        content=content,
    )
