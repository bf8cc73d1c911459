#!/usr/bin/env python3
"""netlog.py NETLOG.json...: no request of the site left localhost.

Reads chromium's net logs (--log-net-log=FILE) and takes every URL
request (URL_REQUEST_START_JOB). A request belongs to the site when the
page started it (its initiator is a localhost origin) or it was made for
a localhost page (the top-frame site of its network isolation key); such
a request to any host other than 127.0.0.1, localhost or [::1] fails the
check. chromium's own background requests (time sync, component updates,
account checks: initiator "not an origin", isolation key "null" or
google.com) are counted and listed, not failed -- the test runs chromium
with every host but localhost mapped to nowhere and a dead proxy, so they
never leave the machine either. A log cut short (chromium killed) is read
up to its last complete event. Exit 1 when a site request left localhost
or no site request was seen at all.
"""
import json
import sys
from urllib.parse import urlsplit

LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}
NETWORK_SCHEMES = {"http", "https", "ws", "wss", "ftp"}


def load(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    try:
        return json.loads(text)
    except ValueError:
        pass
    # Cut short: keep every complete event.
    cut = text.rfind("},\n")
    while cut > 0:
        try:
            return json.loads(text[:cut + 1] + "]}")
        except ValueError:
            cut = text.rfind("},\n", 0, cut)
    raise ValueError("%s: not a chromium net log" % path)


def is_local_origin(s):
    try:
        return urlsplit(s).hostname in LOCAL
    except ValueError:
        return False


def requests(log):
    types = log["constants"]["logEventTypes"]
    start = types.get("URL_REQUEST_START_JOB")
    for e in log.get("events", []):
        if e.get("type") != start:
            continue
        p = e.get("params", {})
        if "url" in p:
            yield p


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: netlog.py NETLOG.json...")
    site, bad, background = 0, [], set()
    for path in sys.argv[1:]:
        for p in requests(load(path)):
            url = p["url"]
            parts = urlsplit(url)
            if parts.scheme not in NETWORK_SCHEMES:
                continue
            nik = p.get("network_isolation_key", "").split(" ")[0]
            ours = is_local_origin(p.get("initiator", "")) or \
                is_local_origin(nik)
            local = parts.hostname in LOCAL
            if ours:
                site += 1
                if not local:
                    bad.append("%s: the site requested %s (initiator %s)"
                               % (path, url, p.get("initiator")))
            elif not local:
                background.add(parts.scheme + "://" + (parts.hostname or ""))
    for b in bad:
        print("netlog: " + b)
    print("netlog: %d requests by the site, %d left localhost; chromium's own"
          " background requests (blocked, not the site's): %s"
          % (site, len(bad), ", ".join(sorted(background)) or "none"))
    if site == 0:
        print("netlog: no request by the site at all: wrong log?")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
