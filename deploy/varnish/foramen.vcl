vcl 4.1;

import std;

# Varnish in front of Foramen's gunicorn (scripts/stack.sh fills in the backend).
#
# Cached: anonymous GET/HEAD answers that the app marks public, or that carry
# no Cache-Control at all (published pages; purged on change by
# frontcache/purge.py). Never cached: the admin (which includes previews),
# any request with credentials (Authorization, a Django session), answers that
# set a cookie (forms hand out CSRF cookies) or say private/no-store.
# HTTPS is what arrives on the listener named https (varnishd -a https=...),
# where the TLS terminator connects; everything else is plain HTTP, whatever
# X-Forwarded-Proto the client sent. The app reads the protocol from that
# header (SECURE_PROXY_SSL_HEADER): the SSL redirect and HSTS depend on it, so
# it is part of the cache key, and the SSL redirect itself is never kept.
# PURGE and BAN need the header X-Purge-Token equal to the environment variable
# FRONTEND_CACHE_PURGE_TOKEN of varnishd (at least 32 characters; without it
# every PURGE and BAN is refused). Where they come from does not count: a TLS
# terminator or load balancer on the same host forwards the public's requests
# from loopback too. frontcache.backends.VarnishBackend sends the token.
# PURGE clears a path with every query string it was cached with.
# BAN clears many answers at once (frontcache/purge.py):
#   BAN /path/                      every URL under /path/ (a moved page's subtree)
#   BAN / with X-Ban-Site: 3        every answer the app rendered for site 3
#   BAN / with X-Ban-Pages: 4|9|12  the API v2 and v3 details of those pages
# Bodies larger than the app ever takes are refused (413) before they reach
# gunicorn, which has no limit of its own.

backend default {
    .host = "127.0.0.1";
    .port = "BACKEND_PORT";
}

sub refuse_without_purge_token {
    if (std.getenv("FRONTEND_CACHE_PURGE_TOKEN") !~ "^.{32,}$") {
        return (synth(403, "PURGE and BAN are off: FRONTEND_CACHE_PURGE_TOKEN is unset or short"));
    }
    if (req.http.X-Purge-Token != std.getenv("FRONTEND_CACHE_PURGE_TOKEN")) {
        return (synth(403, "PURGE and BAN need the purge token"));
    }
}

# Keep equal to LEADS_REQUEST_MAX_BYTES (cms/settings/base.py): one 25 MB
# file per lead form plus 1 MB of typed answers.
sub vcl_recv {
    if (local.socket == "https") {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        set req.http.X-Forwarded-Proto = "http";
    }
    if (std.integer(req.http.Content-Length, 0) > 27262976) {
        return (synth(413, "Request body too large"));
    }
    if (req.method == "PURGE") {
        call refuse_without_purge_token;
        # Paths are Wagtail slugs and API routes: no regex metacharacters.
        ban("obj.http.x-url ~ ^" + regsub(req.url, "\?.*$", "") + "(\?|$)");
        return (synth(200, "Purged"));
    }
    if (req.method == "BAN") {
        call refuse_without_purge_token;
        if (req.http.X-Ban-Site) {
            if (req.http.X-Ban-Site !~ "^[0-9]+$") {
                return (synth(400, "X-Ban-Site must be a site id"));
            }
            # Recorded from the app's X-Site-Id, so other sites' answers stay cached.
            ban("obj.http.x-site-id == " + req.http.X-Ban-Site);
        } elsif (req.http.X-Ban-Pages) {
            if (req.http.X-Ban-Pages !~ "^[0-9]+(\|[0-9]+)*$") {
                return (synth(400, "X-Ban-Pages must be page ids separated by |"));
            }
            ban("obj.http.x-url ~ ^/api/v[23]/pages/(" + req.http.X-Ban-Pages + ")/");
        } else {
            # A path prefix, on every host (the paths of a moved page's subtree).
            ban("obj.http.x-url ~ ^" + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Banned"));
    }
    # The token never travels further than Varnish.
    unset req.http.X-Purge-Token;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)") {
        return (pass);
    }
    # Health endpoints (core/health.py) say how an app server is now, never how it was.
    if (req.url ~ "^/(healthz|readyz)(\?|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Other cookies (a CSRF token, a language choice) do not change public pages.
    unset req.http.Cookie;
    # Campaign tags no page reads: one cached answer for every campaign. The API
    # refuses parameters it does not know (a JSON 400), so its URLs stay as sent.
    if (req.url ~ "\?" && req.url !~ "^/api/") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[^=&]*|gclid|fbclid|msclkid|mc_cid|mc_eid|_ga)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    return (hash);
}

sub vcl_hash {
    # An HTTPS visitor must never get what was rendered for plain HTTP (the SSL
    # redirect, an answer without HSTS), nor the reverse. The built-in vcl_hash
    # adds the URL and the host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            # The app failed to refresh a stale answer: the stale copy stays and is
            # served (grace) rather than the error.
            return (abandon);
        }
        # An error is never kept: the next visitor asks the app again.
        set beresp.ttl = 1s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Kept on the object so that bans can be evaluated by the ban lurker.
    set beresp.http.x-url = bereq.url;
    if (bereq.http.X-Forwarded-Proto != "https" && beresp.http.Location ~ "^https://") {
        # The SSL redirect (SECURE_SSL_REDIRECT): cheap to make, and not worth
        # the risk of ever answering an HTTPS request with it (a redirect loop).
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary == "*") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Past its lifetime an answer is still served for a day while a fresh one is
    # fetched behind it (grace): an outage of the app costs freshness, not pages.
    # Purges and bans remove answers outright, stale copies included.
    set beresp.grace = 24h;
    if (!beresp.http.Cache-Control && beresp.status == 200) {
        # Published pages: kept until a purge, refreshed hourly at the latest
        # (VARNISH_PAGE_TTL in varnishd's environment sets another lifetime).
        set beresp.ttl = std.duration(std.getenv("VARNISH_PAGE_TTL"), 1h);
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    unset resp.http.x-site-id;
    # The app server's name and version help only an attacker.
    unset resp.http.Server;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    if (resp.status == 413) {
        # Above every form's own limit: the app's friendlier page (leads/middleware.py)
        # cannot be reached without sending the body, so say the same here.
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "no-store";
        synthetic({"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Your request was not sent</title></head>
<body><main>
<h1>Your request was not sent</h1>
<p>What you sent is larger than our forms take: files may be at most 25 MB. Nothing was sent and nothing was stored. Your answers are still in the form: go back with your browser's Back button, choose a smaller file and send the form again.</p>
<h1 lang="es">Su solicitud no se envi&oacute;</h1>
<p lang="es">Lo que envi&oacute; es m&aacute;s grande de lo que aceptan nuestros formularios: los archivos pueden tener como m&aacute;ximo 25 MB. No se envi&oacute; ni se guard&oacute; nada. Sus respuestas siguen en el formulario: vuelva atr&aacute;s con el bot&oacute;n Atr&aacute;s de su navegador, elija un archivo m&aacute;s peque&ntilde;o y env&iacute;e el formulario de nuevo.</p>
</main></body></html>
"});
        return (deliver);
    }
}
