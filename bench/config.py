#!/usr/bin/env python3
"""Writes a benchmark installation's indigate.yaml from the shipped config/indigate.yaml.

    bench/config.py --dir INSTALLATION --organizations CSV --outbound maildir
    bench/config.py --dir INSTALLATION --organizations CSV --outbound smtp://127.0.0.1:14099

Everything is as shipped (parser isolated, limits.batch, security, schedule, …) except:
the database and secret (INSTALLATION/var/…, relative, so a copied installation is a new one),
the catalogue and templates (the repository's, absolute), the organisations (the generated
CSV), the transports (inbound: the Maildir INSTALLATION/var/mail/inbox; outbound: the Maildir
INSTALLATION/var/mail/outbox or SMTP without TLS or login) and, if asked, limits.document_bytes.
"""

import argparse
import os
import re
import sys


def rewrite(shipped, repo, organizations, outbound, document_bytes=None):
    text = shipped

    def top(key, value):
        nonlocal text
        text, n = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text)
        if n != 1:
            sys.exit(f"config: the shipped configuration has no single top-level '{key}:'")

    top("database", "var/indigate.sqlite")
    top("secret_file", "var/secret.key")
    top("catalogue", os.path.join(repo, "config", "indicators.yaml"))
    top("organizations", os.path.abspath(organizations))
    top("templates", os.path.join(repo, "mailtemplates"))
    if outbound == "maildir":
        out = "{ kind: maildir, path: var/mail/outbox }"
    elif outbound.startswith("smtp://"):
        out = f'{{ kind: smtp, url: "{outbound}", starttls: "off", helo: bench.test }}'
    else:
        sys.exit(f"config: outbound must be maildir or smtp://HOST:PORT, not {outbound}")
    block = f"transport:\n  inbound: {{ kind: maildir, path: var/mail/inbox }}\n  outbound: {out}\n"
    # The transport block runs from its key to the next top-level line (key or comment).
    text, n = re.subn(r"(?ms)^transport:\n(?:[ \t].*?\n|\n)*?(?=^\S)", block + "\n", text)
    if n != 1:
        sys.exit("config: cannot find the transport block in the shipped configuration")
    if document_bytes is not None:
        text, n = re.subn(r"(?m)^(\s+document_bytes:).*$", rf"\g<1> {document_bytes}", text)
        if n != 1:
            sys.exit("config: cannot find limits.document_bytes in the shipped configuration")
    return text


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", required=True, help="the installation's folder (created)")
    parser.add_argument("--organizations", required=True)
    parser.add_argument("--outbound", default="maildir", help="maildir or smtp://HOST:PORT")
    parser.add_argument("--document-bytes", type=int)
    parser.add_argument("--shipped", default=os.path.join(repo, "config", "indigate.yaml"))
    args = parser.parse_args()
    with open(args.shipped, encoding="utf-8") as f:
        shipped = f.read()
    text = rewrite(shipped, repo, args.organizations, args.outbound, args.document_bytes)
    os.makedirs(os.path.join(args.dir, "var", "mail"), exist_ok=True)
    with open(os.path.join(args.dir, "indigate.yaml"), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
