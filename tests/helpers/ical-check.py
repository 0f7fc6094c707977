"""Independent iCalendar checks for the test suite (run with Debian's /usr/bin/python3).

Reads one calendar on stdin, prints JSON on stdout:
- "errors": every problem found by python-icalendar (parse errors, a DTSTAMP
  that is not UTC as RFC 5545 3.8.7.2 requires) and by libical 3 (its parser's
  X-LIC-ERROR properties and its RFC 5546 iTIP restriction checks);
- "method" and "events": what python-icalendar read back, for the test to compare.
"""
import json
import sys
from datetime import datetime, timezone

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402
import icalendar  # noqa: E402

text = sys.stdin.read()
errors = []

# python-icalendar
calendar = icalendar.Calendar.from_ical(text)
events = []
for component in calendar.walk():
    for error in getattr(component, "errors", []):
        errors.append(f"python-icalendar {component.name}: {error}")
    if component.name != "VEVENT":
        continue
    stamp = component.decoded("DTSTAMP")
    if not isinstance(stamp, datetime) or stamp.tzinfo is None or stamp.utcoffset().total_seconds() != 0:
        errors.append(f"python-icalendar VEVENT {component.get('UID')}: DTSTAMP {component.get('DTSTAMP').to_ical().decode()} is not UTC")
    start, end = component.decoded("DTSTART"), component.decoded("DTEND")
    organizer = component.get("ORGANIZER")
    events.append({
        "uid": str(component.get("UID")),
        "start": start.astimezone(timezone.utc).isoformat(),
        "end": end.astimezone(timezone.utc).isoformat(),
        "startTzid": component.get("DTSTART").params.get("TZID"),
        "stamp": stamp.isoformat() if isinstance(stamp, datetime) else str(stamp),
        "summary": str(component.get("SUMMARY")),
        "status": str(component.get("STATUS")) if component.get("STATUS") else None,
        "organizer": str(organizer) if organizer else None,
        "sequence": int(component.get("SEQUENCE", 0)),
    })

# libical 3: parse, then the iTIP restriction checks of the calendar's METHOD.
root = ICalGLib.Component.new_from_string(text)
if root is None:
    errors.append("libical: the calendar does not parse")
else:
    passed = ICalGLib.restriction_check(root)

    def collect(component):
        kind = ICalGLib.Component.kind_to_string(component.isa())
        prop = component.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
        while prop is not None:
            errors.append(f"libical {kind}: {prop.get_xlicerror()}")
            prop = component.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
        child = component.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
        while child is not None:
            collect(child)
            child = component.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)

    collect(root)
    if not passed and not any(e.startswith("libical") for e in errors):
        errors.append("libical: restriction_check failed")

method = calendar.get("METHOD")
print(json.dumps({"errors": errors, "method": str(method) if method else None, "events": events}))
