"""Reads an Atom or RSS file with feedparser (Debian's python3-feedparser), an
independent reader: prints its version, whether it found the file malformed
(bozo), and each entry's id, link and title, as JSON."""
import json
import sys

import feedparser

parsed = feedparser.parse(sys.argv[1])
print(json.dumps({
    "version": parsed.version,
    "bozo": bool(parsed.bozo),
    "bozo_exception": str(parsed.get("bozo_exception", "")),
    "entries": [{"id": e.get("id"), "link": e.get("link"), "title": e.get("title")} for e in parsed.entries],
}))
