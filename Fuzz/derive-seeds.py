#!/usr/bin/env python3
"""Derives seeds for the address and delivery-report fuzz targets from whole messages.

usage: derive-seeds.py address|delivery-report|html-text|reply-grammar OUTDIR MESSAGE...

address:          each From/To/Cc/Reply-To/Sender/Delivered-To value, unfolded, one file each.
delivery-report:  for each message that looks like a bounce (a delivery-status part, a bounce
                  subject or X-Failed-Recipients), `text \\0 subject \\0 status [\\0 failed]` as the
                  harness splits it.
html-text:        each text/html part, transfer-decoded and converted to UTF-8.
reply-grammar:    each text/plain part, transfer-decoded and converted to UTF-8 (what the
                  grammar sees after MessageParser).
"""
import email
import email.policy
import hashlib
import os
import sys

BOUNCE_WORDS = ("undeliver", "returned mail", "delivery status", "mail delivery", "failure notice",
                "delivery failure", "недоставлен", "не доставлено")


def write(outdir, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)


def addresses(message, outdir):
    for name in ("From", "To", "Cc", "Reply-To", "Sender", "Delivered-To"):
        for value in message.get_all(name, []):
            raw = str(value).replace("\r\n", "").replace("\n", "").encode("utf-8", "surrogateescape")
            if raw.strip():
                write(outdir, raw)


def body_text(message):
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True) or b""
            return payload
    return b""


def delivery_report(message, outdir):
    subject = str(message.get("Subject", "")).encode("utf-8", "surrogateescape")
    failed = message.get("X-Failed-Recipients")
    status = None
    for part in message.walk():
        if part.get_content_type() in ("message/delivery-status", "message/global-delivery-status"):
            payload = part.get_payload()
            if isinstance(payload, list):
                status = "\n\n".join(p.as_string() for p in payload).encode("utf-8", "surrogateescape")
            else:
                status = str(payload).encode("utf-8", "surrogateescape")
            break
    looks = status is not None or failed is not None or any(w in subject.decode("utf-8", "replace").lower() for w in BOUNCE_WORDS)
    if not looks:
        return
    text = body_text(message).replace(b"\0", b"")
    parts = [text, subject.replace(b"\0", b"")]
    if status is not None or failed is not None:
        parts.append((status or b"").replace(b"\0", b""))
    if failed is not None:
        parts.append(str(failed).encode("utf-8", "surrogateescape"))
    write(outdir, b"\0".join(parts))
    if status is not None:
        write(outdir, text + b"\0" + subject)  # the same bounce without its status part


def bodies(message, outdir, subtype):
    for part in message.walk():
        if part.get_content_type() != "text/" + subtype:
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        try:
            text = payload.decode(charset, "replace")
        except LookupError:
            text = payload.decode("utf-8", "replace")
        if text.strip():
            write(outdir, text.encode("utf-8"))


def main():
    target, outdir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    for path in files:
        try:
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.compat32)
            if target == "address":
                addresses(message, outdir)
            elif target == "delivery-report":
                delivery_report(message, outdir)
            elif target == "html-text":
                bodies(message, outdir, "html")
            else:
                bodies(message, outdir, "plain")
        except Exception as error:  # a broken fixture is a seed for mime-parse, not for these
            print(f"derive-seeds: skipped {path}: {error}", file=sys.stderr)


if __name__ == "__main__":
    main()
