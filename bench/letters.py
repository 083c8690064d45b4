#!/usr/bin/env python3
"""Describes the request letters indigate wrote: their count and sizes, and how a letter
splits into headers and parts (content type, Content-Transfer-Encoding, encoded and decoded
bytes), averaged over a sample.

    bench/letters.py --letters OUTBOX_MAILDIR [--sample 200] [--json OUT.json]
"""

import argparse
import email
import email.policy
import json
import os
import random
import statistics
import sys


def describe(folder, sample_size, seed=1):
    folder = os.path.join(folder, "new") if os.path.isdir(os.path.join(folder, "new")) else folder
    names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
    sizes = [os.path.getsize(os.path.join(folder, n)) for n in names]
    sample = sorted(random.Random(seed).sample(names, min(sample_size, len(names))))
    headers = []
    parts = {}  # (content type, charset, encoding) -> [encoded bytes], [decoded bytes]
    line_endings = {"CRLF": 0, "LF": 0}
    for name in sample:
        with open(os.path.join(folder, name), "rb") as f:
            raw = f.read()
        line_endings["CRLF" if b"\r\n" in raw[:2000] else "LF"] += 1
        separator = b"\r\n\r\n" if b"\r\n\r\n" in raw else b"\n\n"
        headers.append(raw.index(separator) + len(separator))
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        for part in message.walk():
            if part.is_multipart():
                continue
            key = (part.get_content_type(), (part.get_content_charset() or "").lower(),
                   (part.get("Content-Transfer-Encoding") or "7bit").lower())
            encoded = len(part.get_payload(decode=False).encode("ascii", "replace"))
            decoded = len(part.get_payload(decode=True) or b"")
            entry = parts.setdefault(key, ([], []))
            entry[0].append(encoded)
            entry[1].append(decoded)
    return {
        "count": len(names),
        "total_bytes": sum(sizes),
        "mean_bytes": round(statistics.mean(sizes)) if sizes else 0,
        "median_bytes": round(statistics.median(sizes)) if sizes else 0,
        "min_bytes": min(sizes, default=0),
        "max_bytes": max(sizes, default=0),
        "sample": len(sample),
        "line_endings": line_endings,
        "mean_header_bytes": round(statistics.mean(headers)) if headers else 0,
        "parts": [
            {"content_type": k[0], "charset": k[1], "encoding": k[2], "in_letters": len(v[0]),
             "mean_encoded_bytes": round(statistics.mean(v[0])), "mean_decoded_bytes": round(statistics.mean(v[1]))}
            for k, v in sorted(parts.items())
        ],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", required=True)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--json", help="write the description here (default: stdout)")
    args = parser.parse_args()
    result = describe(args.letters, args.sample)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text)
    else:
        print(text)
    if result["count"] == 0:
        sys.exit("letters: no letters")


if __name__ == "__main__":
    main()
