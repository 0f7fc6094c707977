"""Reads one raw mail (RFC 5322 / MIME) on stdin and prints its parts as JSON,
with Python's own email package: a parser that shares no code with nodemailer."""
import json
import sys
from email import policy
from email.parser import BytesParser

message = BytesParser(policy=policy.default).parse(sys.stdin.buffer)
defects = [str(d) for part in message.walk() for d in part.defects]
parts = []
for part in message.walk():
    if part.is_multipart():
        continue
    content = part.get_content()
    parts.append({
        "contentType": part.get_content_type(),
        "charset": part.get_content_charset(),
        "filename": part.get_filename(),
        "attachment": part.get_content_disposition() == "attachment",
        "content": content if isinstance(content, str) else content.decode("utf-8"),
    })
print(json.dumps({
    "subject": str(message["subject"]),
    "to": str(message["to"]),
    "topType": message.get_content_type(),
    "defects": defects,
    "parts": parts,
}))
