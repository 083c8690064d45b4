#!/usr/bin/env python3
"""Writes a corpus of school replies to indigate's request letters, as Russian mail clients send them.

    bench/corpus.py --letters OUTBOX_MAILDIR --out INBOX_MAILDIR --count 4600 --seed 1

Input: the Maildir that `indigate flush` wrote the request letters into (an installation whose
outbound transport is a Maildir). Every reply answers one of those letters:

  * From: the letter's recipient; To: the letter's Reply-To (it carries the HMAC token, which is
    copied, never invented); In-Reply-To and References: the letter's Message-ID; Subject «Re: …»
    (RFC 2047 where the client encodes it); a unique Message-ID; a Date after the letter.
  * Values for 1–14 of the indicators that this letter asks (their codes and answer kinds are
    read from the letter's text/plain part: whole numbers, «Да»/«Нет», percentages written
    `45 / 300` or `45 из 300`), in the reply grammar, top-posted above the client's quote of the
    letter.
  * Ten client styles modelled on Tests/IndigateAppTests/Fixtures/replies/ (see STYLES), with
    charsets UTF-8, windows-1251 and KOI8-R and transfer encodings quoted-printable, base64, 8bit.
  * A third (--pdf-share) carry a valid PDF of 100–300 KB (--pdf-size) named like
    «2.2 приказ.pdf» (RFC 2231 or RFC 2047 as the client would) for an indicator of that letter
    that needs a document, whose value is then positive (so the document is needed).

Every letter gets a first answer; the remaining replies are corrections (the same thread, later)
spread over about half of the letters, one or two each, so that the total is exactly --count
(4,600 by default: two per organisation on average). With --count below the number of letters,
only that many letters are answered.

Messages are written to OUT/new/ with names that sort in delivery order, LF line endings and mode
0600 (as an MDA delivers them). Deterministic: the same letters (up to their tokens and Message-IDs) and
seed give the same corpus. Prints the count, the styles and the total bytes.
"""

import argparse
import base64
import binascii
import email
import email.parser
import email.policy
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.utils import format_datetime, parseaddr, parsedate_to_datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf import make_pdf  # noqa: E402

TZ = timezone(timedelta(hours=5))  # Челябинск
MSK = timezone(timedelta(hours=3))
# Replies arrive between the letter and the benchmark's poll (--now 2020-09-11T10:00:00+05:00).
FIRST_REPLY_FROM = timedelta(minutes=20)
FIRST_REPLY_SPAN = timedelta(hours=17, minutes=40)  # until 04:00 the next morning
CORRECTION_GAP = (5, 120)  # minutes after the previous reply

MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря"]
MONTHS_SHORT = ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."]
WEEKDAYS = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"]
WEEKDAYS_SHORT = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]

GREETINGS = ["Добрый день!", "Здравствуйте!", "Добрый день.", "Здравствуйте.", "Добрый день, коллеги!", ""]
INTROS_FIRST = ["Направляем данные мониторинга за сентябрь 2020 года:", "Направляем данные:",
                "Данные мониторинга:", "Наши данные за сентябрь:", ""]
INTROS_CORRECTION = ["Просим принять исправленные данные:", "Уточнение к предыдущему письму:",
                     "Исправление, прошу считать верными эти значения:", "Дополняем данные:",
                     "Извините, в прошлом письме ошибка. Правильно:"]
DOCUMENT_WORDS = {"приказ": "приказ", "соглашение": "соглашение", "локальный": "положение",
                  "утвержденный": "перечень", "договор": "договор"}


# --------------------------------------------------------------------------------------------
# The request letters


@dataclass
class Indicator:
    code: str
    kind: str  # "number", "yesno" or "percentage"
    document: str | None  # what the letter asks to attach, or None


@dataclass
class Letter:
    name: str
    recipient: str
    recipient_name: str
    reply_to: str
    reply_to_name: str
    gateway: str
    gateway_name: str
    message_id: str
    subject: str
    date: datetime
    text: str
    html: str
    organization: str
    indicators: list = field(default_factory=list)

    @property
    def html_inner(self):
        """The letter's HTML between <body …> and </body>, as clients quote it."""
        match = re.search(r"<body[^>]*>(.*)</body>", self.html, re.S | re.I)
        return (match.group(1) if match else self.html).strip()

    @property
    def domain(self):
        return self.recipient.rsplit("@", 1)[1]


def header_text(message, name):
    value = message.get(name)
    if value is None:
        return ""
    return str(make_header(decode_header(str(value)))).strip()


INDICATOR_START = re.compile(r"^(\d+\.\d+)\. ", re.M)


def parse_indicators(text):
    start = text.find("ПОКАЗАТЕЛИ")
    body = text[start:] if start >= 0 else text
    end = body.find("Срок представления данных")
    if end >= 0:
        body = body[:end]
    matches = list(INDICATOR_START.finditer(body))
    indicators = []
    for i, match in enumerate(matches):
        block = body[match.start(): matches[i + 1].start() if i + 1 < len(matches) else len(body)]
        if "Ответ: целое число" in block:
            kind = "number"
        elif "«Да» или «Нет»" in block:
            kind = "yesno"
        elif "два числа" in block:
            kind = "percentage"
        else:
            raise ValueError(f"indicator {match.group(1)}: unknown answer kind in {block[:200]!r}")
        document = re.search(r"Документ \(PDF\): (.+?)\. Не нужен", block, re.S)
        indicators.append(Indicator(match.group(1), kind, " ".join(document.group(1).split()) if document else None))
    return indicators


def mime_leaves(raw):
    """(headers, [(content type, charset, filename, decoded bytes)]) of a message: a small MIME
    walk (multipart by boundary, then each leaf's Content-Transfer-Encoding), several times
    faster than the email package's feed parser on indigate's 45 KB letters."""
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    split = re.search(rb"\r?\n\r?\n", raw)
    head, body = (raw[: split.start()], raw[split.end():]) if split else (raw, b"")
    headers = parser.parsebytes(head + b"\n\n")
    leaves = []
    kind = headers.get_content_type()
    if kind.startswith("multipart/"):
        boundary = headers.get_param("boundary")
        if boundary:
            # Each piece after a delimiter: the rest of its line, the part, the line break that
            # belongs to the next delimiter; the closing delimiter's piece starts with "--".
            for piece in body.split(b"--" + boundary.encode())[1:]:
                if piece.startswith(b"--"):
                    break
                part = piece.split(b"\n", 1)[1] if b"\n" in piece else b""
                part = part[:-2] if part.endswith(b"\r\n") else part[:-1] if part.endswith(b"\n") else part
                leaves += mime_leaves(part)[1]
        return headers, leaves
    encoding = (headers.get("Content-Transfer-Encoding") or "7bit").strip().lower()
    if encoding == "quoted-printable":
        body = binascii.a2b_qp(body)
    elif encoding == "base64":
        body = binascii.a2b_base64(body)
    leaves.append((kind, headers.get_content_charset() or "utf-8", headers.get_filename(), body))
    return headers, leaves


def read_letter(path):
    with open(path, "rb") as f:
        message, leaves = mime_leaves(f.read())
    text = html = ""
    for kind, charset, filename, payload in leaves:
        if kind in ("text/plain", "text/html") and not filename:
            decoded = payload.decode(charset, "replace").replace("\r\n", "\n")
            if kind == "text/plain" and not text:
                text = decoded
            elif kind == "text/html" and not html:
                html = decoded
    if "ПОКАЗАТЕЛИ" not in text:
        return None  # not a request letter
    recipient_name, recipient = parseaddr(header_text(message, "To"))
    reply_to_name, reply_to = parseaddr(header_text(message, "Reply-To"))
    gateway_name, gateway = parseaddr(header_text(message, "From"))
    organization = re.search(r"Просим (.+?) \(ИНН \d+\)", " ".join(text.split()))
    return Letter(
        name=os.path.basename(path), recipient=recipient.lower(), recipient_name=recipient_name,
        reply_to=reply_to, reply_to_name=" ".join(reply_to_name.split()), gateway=gateway,
        gateway_name=" ".join(gateway_name.split()), message_id=message["Message-Id"].strip(),
        subject=" ".join(header_text(message, "Subject").split()),
        date=parsedate_to_datetime(message["Date"]), text=text, html=html,
        organization=organization.group(1) if organization else "", indicators=parse_indicators(text))


def read_letters(maildir):
    folder = os.path.join(maildir, "new") if os.path.isdir(os.path.join(maildir, "new")) else maildir
    letters = []
    for name in sorted(os.listdir(folder)):
        if name.startswith("."):
            continue
        letter = read_letter(os.path.join(folder, name))
        if letter is not None and letter.indicators and "+" in letter.reply_to:
            letters.append(letter)
    # The corpus depends on who is asked what, not on the order the outbox wrote the letters in.
    letters.sort(key=lambda l: l.recipient)
    return letters


# --------------------------------------------------------------------------------------------
# MIME building blocks (LF line endings; an MDA stores them so)


def b_words(text, charset, chunk=36, fold="\n "):
    """RFC 2047 B-encoded words of at most `chunk` bytes each, split between characters (never
    inside one), folded onto continuation lines. Clients split long subjects like this; a chunk
    whose base64 ends in `=` padding is what trips GMime 3.2.13 (#133)."""
    words, current = [], b""
    for character in text:
        encoded = character.encode(charset, "replace")
        if len(current) + len(encoded) > chunk:
            words.append(current)
            current = b""
        current += encoded
    if current:
        words.append(current)
    return fold.join(f"=?{charset}?B?{base64.b64encode(w).decode()}?=" for w in words)


def needs_encoding(text):
    return any(ord(c) > 127 for c in text)


def address(name, addr, charset="UTF-8", fold="\n "):
    if not name:
        return addr
    if needs_encoding(name):
        return f"{b_words(name, charset, fold=fold)} <{addr}>"
    return f'"{name}" <{addr}>'


def body_bytes(text, charset, encoding):
    raw = text.encode(charset, "replace")
    if encoding == "base64":
        return base64_lines(raw)
    if encoding == "quoted-printable":
        return binascii.b2a_qp(raw, istext=True)
    return raw


def base64_lines(raw):
    flat = binascii.b2a_base64(raw, newline=False)
    return b"\n".join([flat[i: i + 76] for i in range(0, len(flat), 76)]) + b"\n"


def leaf(content_type, encoding, body, extra=""):
    """One MIME entity: its headers and body."""
    head = f"Content-Type: {content_type}\nContent-Transfer-Encoding: {encoding}\n{extra}"
    return head.encode("ascii") + b"\n" + body


def text_leaf(text, charset, encoding, subtype="plain", params=""):
    return leaf(f"text/{subtype}; charset={charset}{params}", encoding, body_bytes(text, charset, encoding))


def multipart(subtype, boundary, parts, preamble=""):
    out = [f'Content-Type: multipart/{subtype};\n boundary="{boundary}"\n\n'.encode()]
    if preamble:
        out.append(preamble.encode() + b"\n")
    for part in parts:
        out.append(f"--{boundary}\n".encode())
        out.append(part.rstrip(b"\n") + b"\n")
    out.append(f"--{boundary}--\n".encode())
    return b"".join(out)


def pdf_leaf(name, data, style):
    """The attachment as the client names it: RFC 2231 (Thunderbird, Apple, Evolution) or an
    RFC 2047 word inside the quotes (Outlook, Gmail, Mail.ru, Yandex, The Bat!)."""
    if style == "2231":
        quoted = urllib.parse.quote(name, safe="")
        params = f"name*=UTF-8''{quoted}"
        disposition = f"attachment;\n filename*=UTF-8''{quoted}"
    else:
        charset = style
        word = b_words(name, charset, chunk=200)
        params = f'name="{word}"'
        disposition = f'attachment;\n filename="{word}"'
    return leaf(f"application/pdf;\n {params}", "base64", base64_lines(data),
                extra=f"Content-Disposition: {disposition}\n")


def quote_lines(text, prefix="> "):
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.split("\n"))


def flowed(text, width=72):
    """Thunderbird's format=flowed wrapping: long lines broken after a space, the space kept."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(line[: cut + 1])
            line = line[cut + 1:]
        out.append(line)
    return "\n".join(out)


def html_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------------------------
# One reply


@dataclass
class Reply:
    letter: Letter
    index: int  # global, in delivery order
    attempt: int  # 0: the first answer; 1, 2: corrections
    date: datetime
    style: str
    rng: random.Random
    lines: list  # the value lines
    pdf: tuple | None  # (file name, bytes)

    @property
    def name(self):
        return self.letter.recipient_name

    def new_text(self, greeting=True, signature=True):
        """The text the person typed: greeting, intro, the values, a signature."""
        r = self.rng
        parts = []
        if greeting:
            g = r.choice(GREETINGS)
            if g:
                parts += [g, ""]
        intro = r.choice(INTROS_CORRECTION if self.attempt else INTROS_FIRST)
        if intro:
            parts += [intro, ""]
        parts += self.lines
        if self.pdf and r.random() < 0.5:
            parts += ["", "Документ во вложении."]
        if signature:
            parts += [""]
            if r.random() < 0.6:
                parts.append("С уважением,")
            parts.append(self.name or self.letter.organization)
            if self.name and self.letter.organization and r.random() < 0.5:
                parts.append(self.letter.organization)
        return "\n".join(parts)

    def message_id(self, kind):
        r = self.rng
        hexes = lambda n: "".join(r.choice("0123456789abcdef") for _ in range(n))  # noqa: E731
        domain = self.letter.domain
        stamp = int(self.date.timestamp())
        if kind == "outlook":
            return f"<{self.index:06x}01d68c21${hexes(8)}${hexes(8)}$@{domain}>"
        if kind == "gmail":
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
            return f"<CA{''.join(r.choice(alphabet) for _ in range(40))}{self.index}@mail.gmail.com>"
        if kind == "mailru":
            return f"<{stamp}.{r.randrange(10**8, 10**9)}{self.index}@f{r.randrange(100, 400)}.i.mail.ru>"
        if kind == "yandex":
            return f"<{r.randrange(10**15, 10**16)}{self.index}@vla1-{hexes(12)}.qloud-c.yandex.net>"
        if kind == "apple":
            return f"<{hexes(8).upper()}-{hexes(4).upper()}-{hexes(4).upper()}-{self.index:04X}-{hexes(12).upper()}@{domain}>"
        if kind == "thebat":
            return f"<{r.randrange(100000, 999999)}.{self.date.strftime('%Y%m%d%H%M%S')}{self.index}@{domain}>"
        if kind == "evolution":
            return f"<{hexes(40)}{self.index}.camel@{domain}>"
        return f"<{hexes(8)}-{hexes(4)}-{hexes(4)}-{self.index:04x}-{hexes(12)}@{domain}>"

    def envelope(self):
        """What the receiving MTA and the MDA put on top."""
        received = (self.date + timedelta(seconds=self.rng.randrange(1, 40))).astimezone(TZ)
        queue_id = "".join(self.rng.choice("0123456789ABCDEF") for _ in range(10))
        return (f"Return-Path: <{self.letter.recipient}>\n"
                f"Delivered-To: {self.letter.reply_to}\n"
                f"Received: from mail.{self.letter.domain} (mail.{self.letter.domain} [192.0.2.{self.index % 250 + 1}])\n"
                f"\tby mx.rcokio.test (Postfix) with ESMTPS id {queue_id}\n"
                f"\tfor <{self.letter.reply_to}>; {format_datetime(received)}\n")

    def date_header(self, zone=TZ):
        return format_datetime(self.date.astimezone(zone))

    # Attribution lines, as each client writes them, for the letter's date.
    def letter_date(self):
        return self.letter.date.astimezone(TZ)


def gateway_short(letter):
    return letter.gateway_name.split(" ")[0] if letter.gateway_name else letter.gateway


# --------------------------------------------------------------------------------------------
# The ten client styles


def style_outlook(rp):
    """Russian Outlook 2016: windows-1251 quoted-printable text+HTML, the unprefixed
    От:/Отправлено:/Кому:/Тема: quote header, subject and names as windows-1251 B-words."""
    L, r = rp.letter, rp.rng
    cs = "windows-1251"
    d = rp.letter_date()
    sent = f"{d.day} {MONTHS_GEN[d.month - 1]} {d.year} г. {d:%H:%M}"
    new = rp.new_text()
    text = (f"{new}\n\nОт: {L.gateway_name} <{L.gateway}> \nОтправлено: {sent}\nКому: {L.recipient}\n"
            f"Тема: {L.subject}\n\n{L.text}")
    paragraphs = "\n".join(
        f"<p class=MsoNormal><span style='mso-fareast-language:RU'>{html_escape(line) or '<o:p>&nbsp;</o:p>'}"
        f"<o:p></o:p></span></p>" for line in new.split("\n"))
    html = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40"><head>'
        '<meta http-equiv=Content-Type content="text/html; charset=windows-1251">'
        '<meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--\n'
        "p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:11.0pt;\n\tfont-family:\"Calibri\",sans-serif;}\n"
        "span.EmailStyle18\n\t{mso-style-type:personal-reply;\n\tfont-family:\"Calibri\",sans-serif;\n\tcolor:windowtext;}\n"
        "@page WordSection1\n\t{size:612.0pt 792.0pt;\n\tmargin:2.0cm 42.5pt 2.0cm 3.0cm;}\n"
        "div.WordSection1\n\t{page:WordSection1;}\n--></style></head>"
        '<body lang=RU link="#0563C1" vlink="#954F72"><div class=WordSection1>\n'
        f"{paragraphs}\n"
        "<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
        f"<p class=MsoNormal><b>От:</b> {html_escape(L.gateway_name)} &lt;{L.gateway}&gt; <br>"
        f"<b>Отправлено:</b> {sent}<br><b>Кому:</b> {L.recipient}<br><b>Тема:</b> {html_escape(L.subject)}"
        "<o:p></o:p></p></div></div>\n"
        f"{L.html_inner}\n</div></body></html>")
    html_bytes = binascii.b2a_qp(html.encode(cs, "xmlcharrefreplace"), istext=True)
    boundary = f"----=_NextPart_000_{r.randrange(0x1000, 0xFFFF):04X}_01D68C18.{r.randrange(16**8):08X}"
    body = multipart("alternative", boundary, [
        text_leaf(text, cs, "quoted-printable"),
        leaf(f"text/html;\n\tcharset=\"{cs}\"", "quoted-printable", html_bytes),
    ], preamble="This is a multipart message in MIME format.\n")
    if rp.pdf:
        outer = f"----=_NextPart_000_{r.randrange(0x1000, 0xFFFF):04X}_01D68C18.{r.randrange(16**8):08X}"
        body = multipart("mixed", outer, [body, pdf_leaf(rp.pdf[0], rp.pdf[1], cs)],
                         preamble="This is a multipart message in MIME format.\n")
    head = (f"From: {address(rp.name, L.recipient, cs, fold=chr(10) + chr(9))}\n"
            f"To: {address(L.reply_to_name, L.reply_to, cs, fold=chr(10) + chr(9))}\n"
            f"References: {L.message_id}\nIn-Reply-To: {L.message_id}\n"
            f"Subject: RE: {b_words(L.subject, cs, chunk=46, fold=chr(10) + chr(9))}\n"
            f"Date: {rp.date_header()}\nMessage-ID: {rp.message_id('outlook')}\nMIME-Version: 1.0\n")
    tail = ("X-Mailer: Microsoft Outlook 16.0\n"
            f"Thread-Index: AQH{base64.b64encode(r.randbytes(18)).decode()}\nContent-Language: ru\n")
    return head.encode() + tail.encode() + body


def style_thunderbird(rp):
    """Thunderbird 78: UTF-8 format=flowed 8bit, «DD.MM.YYYY HH:MM, Name пишет:» and a > quote;
    the PDF named by RFC 2231."""
    L, r = rp.letter, rp.rng
    d = rp.letter_date()
    text = (flowed(rp.new_text()) + f"\n\n{d:%d.%m.%Y %H:%M}, {L.gateway_name} пишет:\n"
            + quote_lines(flowed(L.text, 74)) + "\n")
    body = text_leaf(text, "UTF-8", "8bit", params="; format=flowed")
    if rp.pdf:
        boundary = "------------" + "".join(r.choice("0123456789ABCDEF") for _ in range(24))
        body = multipart("mixed", boundary, [body, pdf_leaf(rp.pdf[0], rp.pdf[1], "2231")],
                         preamble="This is a multi-part message in MIME format.")
    head = (f"Subject: {b_words('Re: ' + L.subject, 'UTF-8')}\n"
            f"To: {address(L.reply_to_name, L.reply_to)}\nReferences: {L.message_id}\n"
            f"From: {address(rp.name, L.recipient)}\nMessage-ID: {rp.message_id('uuid')}\n"
            f"Date: {rp.date_header()}\n"
            "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101 Thunderbird/78.2.2\n"
            f"MIME-Version: 1.0\nIn-Reply-To: {L.message_id}\n")
    return head.encode() + b"Content-Language: ru\n" + body


def gmail_attr(L, comma=" в"):
    d = L.date.astimezone(TZ)
    return f"{WEEKDAYS_SHORT[d.weekday()]}, {d.day} {MONTHS_SHORT[d.month - 1]} {d.year} г.{comma} {d:%H:%M}"


def gmail_html(new, L, attr):
    divs = "".join(f"<div>{html_escape(line)}</div>" if line else "<div><br></div>" for line in new.split("\n"))
    return (f'<div dir="ltr">{divs}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
            f'{html_escape(attr)} &lt;<a href="mailto:{L.gateway}">{L.gateway}</a>&gt;:<br></div>'
            '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);'
            f'padding-left:1ex"><div>{L.html_inner}</div></blockquote></div>\n')


def gmail_boundary(r):
    return "000000000000" + "".join(r.choice("0123456789abcdef") for _ in range(16))


def gmail_family(rp, new, attr, html_encoding):
    """What Gmail's web and Android clients write alike: multipart/alternative of a base64 text
    part and an HTML part (`html_encoding`), a gmail_quote, the PDF beside them."""
    L, r = rp.letter, rp.rng
    text = f"{new}\n\n{attr} <{L.gateway}>:\n\n{quote_lines(L.text)}\n"
    body = multipart("alternative", gmail_boundary(r), [
        text_leaf(text, "UTF-8", "base64"),
        text_leaf(gmail_html(new, L, attr), "UTF-8", html_encoding, subtype="html"),
    ])
    if rp.pdf:
        body = multipart("mixed", gmail_boundary(r), [body, pdf_leaf(rp.pdf[0], rp.pdf[1], "UTF-8")])
    head = (f"MIME-Version: 1.0\nReferences: {L.message_id}\nIn-Reply-To: {L.message_id}\n"
            f"From: {address(rp.name, L.recipient)}\nDate: {rp.date_header()}\n"
            f"Message-ID: {rp.message_id('gmail')}\nSubject: {b_words('Re: ' + L.subject, 'UTF-8')}\n"
            f"To: {address(L.reply_to_name, L.reply_to)}\n")
    return head.encode() + body


def style_gmail(rp):
    """Gmail web: multipart/alternative, text base64 and HTML quoted-printable (UTF-8), the
    «чт, 10 сент. 2020 г. в 10:00, Name <addr>:» attribution and a gmail_quote blockquote."""
    return gmail_family(rp, rp.new_text(), f"{gmail_attr(rp.letter)}, {gateway_short(rp.letter)}", "quoted-printable")


def style_android(rp):
    """Gmail for Android: base64 text and HTML, «чт, 10 сент. 2020 г., 10:00 Name <addr>:», no
    greeting or signature; the PDF's name as a UTF-8 B-word."""
    attr = f"{gmail_attr(rp.letter, comma=',')} {gateway_short(rp.letter)}"
    return gmail_family(rp, "\n".join(rp.lines), attr, "base64")


def style_mailru(rp):
    """Mail.ru web: HTML only, base64 UTF-8, «Четверг, 10 сентября 2020, 10:00 +05:00 от Name
    <addr>:» in a blockquote; Date in Moscow time."""
    L, r = rp.letter, rp.rng
    d = L.date.astimezone(TZ)
    attr = (f"{WEEKDAYS[d.weekday()]}, {d.day} {MONTHS_GEN[d.month - 1]} {d.year}, {d:%H:%M} +05:00 "
            f"от {html_escape(gateway_short(L))} &lt;{L.gateway}&gt;:")
    divs = "".join(f"<div>{html_escape(line)}</div>" if line else "<div>&nbsp;</div>" for line in rp.new_text().split("\n"))
    html = (f"<HTML><BODY>{divs}<div>&nbsp;</div><blockquote style=\"border-left:1px solid #0857A6; margin:10px; "
            f"padding:0 0 0 10px;\">{attr}<br>&nbsp;<div id=\"\"><div class=\"js-helper js-readmsg-msg\"><div>"
            f"<div id=\"style_{int(L.date.timestamp())}0000000001_BODY\">{L.html_inner}</div></div></div></div>"
            "</blockquote></BODY></HTML>\n")
    body = text_leaf(html, "utf-8", "base64", subtype="html")
    if rp.pdf:
        boundary = f"----{''.join(r.choice('0123456789ABCDEF') for _ in range(20))}-1600243500"
        body = multipart("mixed", boundary, [body, pdf_leaf(rp.pdf[0], rp.pdf[1], "UTF-8")])
    head = (f"From: {address(rp.name, L.recipient)}\nTo: {address(gateway_short(L), L.reply_to)}\n"
            f"Subject: {b_words('Re: ' + L.subject, 'UTF-8')}\nMIME-Version: 1.0\nX-Mailer: Mail.Ru Mailer 1.0\n"
            f"Date: {rp.date_header(MSK)}\nReply-To: {address(rp.name, L.recipient)}\nX-Priority: 3 (Normal)\n"
            f"Message-ID: {rp.message_id('mailru')}\nIn-Reply-To: {L.message_id}\nReferences: {L.message_id}\n")
    return head.encode() + body


def style_yandex(rp):
    """Yandex Mail: text/plain base64 UTF-8, «10.09.2020, 10:00, "Name" <addr>:» and a > quote."""
    L, r = rp.letter, rp.rng
    d = L.date.astimezone(TZ)
    text = f"{rp.new_text()}\n\n{d:%d.%m.%Y, %H:%M}, \"{gateway_short(L)}\" <{L.gateway}>:\n{quote_lines(L.text)}\n"
    body = text_leaf(text, "utf-8", "base64")
    if rp.pdf:
        boundary = "".join(r.choice("0123456789abcdef") for _ in range(32))
        body = multipart("mixed", boundary, [body, pdf_leaf(rp.pdf[0], rp.pdf[1], "utf-8")])
    head = (f"From: {address(rp.name, L.recipient)}\nTo: {address(gateway_short(L), L.reply_to)}\n"
            f"In-Reply-To: {L.message_id}\nReferences: {L.message_id}\n"
            f"Subject: {b_words('Re: ' + L.subject, 'UTF-8')}\nMIME-Version: 1.0\n"
            f"X-Mailer: Yamail [ http://yandex.ru ] 5.0\nDate: {rp.date_header()}\n"
            f"Message-Id: {rp.message_id('yandex')}\n")
    return head.encode() + body


def style_iphone(rp):
    """iPhone Mail: values, «Отправлено с iPhone», then a >-prefixed «… написал(а):» quote
    (quoted-printable UTF-8, a BOM where the quote starts); the PDF named by RFC 2231."""
    L, r = rp.letter, rp.rng
    d = L.date.astimezone(TZ)
    attr = f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year} г., в {d:%H:%M}, {L.gateway_name} <{L.gateway}> написал(а):"
    text = ("\n".join(rp.lines) + "\n\nОтправлено с iPhone\n\n" + quote_lines(attr + "\n\n\ufeff" + L.text) + "\n")
    body = text_leaf(text, "utf-8", "quoted-printable")
    if rp.pdf:
        boundary = "Apple-Mail-" + "-".join("".join(r.choice("0123456789ABCDEF") for _ in range(n)) for n in (8, 4, 4, 4, 12))
        body = multipart("mixed", boundary, [body, pdf_leaf(rp.pdf[0], rp.pdf[1], "2231")])
    head = (f"Mime-Version: 1.0 (1.0)\nSubject: {b_words('Re: ' + L.subject, 'UTF-8')}\n"
            f"From: {address(rp.name, L.recipient)}\nIn-Reply-To: {L.message_id}\nDate: {rp.date_header()}\n"
            f"Message-Id: {rp.message_id('apple')}\nReferences: {L.message_id}\n"
            f"To: {address(L.reply_to_name, L.reply_to)}\nX-Mailer: iPhone Mail (17H35)\n")
    return head.encode() + body


def style_thebat(rp):
    """The Bat!: the body in KOI8-R 8bit (what KOI8-R cannot hold becomes «?», as in the
    fixture), headers as KOI8-R B-words, a «-- » signature and «Вы писали …:» above a > quote."""
    L, r = rp.letter, rp.rng
    cs = "koi8-r"
    d = L.date.astimezone(TZ)
    sign = rp.name or L.organization
    text = (rp.new_text(signature=False) + f"\n\n-- \nС уважением,\n {sign}          mailto:{L.recipient}\n\n"
            f"Вы писали {d.day} {MONTHS_GEN[d.month - 1]} {d.year} г., {d:%H:%M}:\n\n" + quote_lines(L.text) + "\n")
    body = text_leaf(text, cs, "8bit")
    if rp.pdf:
        boundary = f"----------{r.randrange(10**11, 10**12)}{rp.index}"
        body = multipart("mixed", boundary, [body, pdf_leaf(rp.pdf[0], rp.pdf[1], cs)])
    head = (f"Date: {rp.date_header()}\nFrom: {address(rp.name, L.recipient, cs)}\n"
            "X-Mailer: The Bat! (v9.2.3) Professional\n"
            f"Reply-To: {address(rp.name, L.recipient, cs)}\nMessage-ID: {rp.message_id('thebat')}\n"
            f"To: {address(gateway_short(L), L.reply_to, cs)}\nSubject: Re: {b_words(L.subject, cs)}\n"
            f"In-Reply-To: {L.message_id}\nReferences: {L.message_id}\nMIME-Version: 1.0\n")
    return head.encode() + body


def style_forward(rp):
    """A colleague's message forwarded by the school's mailbox (Thunderbird, as the fixture
    forwarded-by-colleague): the school replies to the letter — its From, so the token's
    contact — with a note above the quote and attaches the clerk's message (message/rfc822)
    that holds the values. A forward sent from the clerk's own address would be refused as a
    From mismatch, and an inline forward («-------- Пересылаемое сообщение --------» followed
    by От:/Дата:) is cut as quoted text, so the values travel in the attached message."""
    L, r = rp.letter, rp.rng
    d = L.date.astimezone(TZ)
    clerk_name = r.choice(["Смирнова Анна Петровна", "Козлова Мария Ивановна", "Белова Ольга Сергеевна",
                           "Никитина Светлана Юрьевна", "Орлов Дмитрий Андреевич"])
    clerk = f"{r.choice(['secretary', 'zavuch', 'uvr', 'metodist', 'info'])}.{rp.index}@{L.domain}"
    sent = rp.date - timedelta(minutes=r.randrange(30, 600))
    parts = rp.name.split(" ")
    addressee = " ".join(parts[1:]) if len(parts) == 3 else "Коллеги"  # «Ирина Геннадьевна»
    inner_text = f"{addressee}, добрый день!\n\nДанные для мониторинга:\n\n" + "\n".join(rp.lines) + f"\n\n{clerk_name}\n"
    inner = (f"From: {address(clerk_name, clerk)}\nTo: {address(rp.name or L.organization, L.recipient)}\n"
             f"Subject: {b_words('Данные для мониторинга за сентябрь', 'UTF-8')}\n"
             f"Date: {format_datetime(sent.astimezone(TZ))}\nMessage-ID: {rp.message_id('uuid')}\n"
             "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101 Thunderbird/78.2.2\n"
             "MIME-Version: 1.0\n").encode() + text_leaf(inner_text, "UTF-8", "8bit", params="; format=flowed")
    note = r.choice(["Пересылаю данные, подготовленные ответственным (письмо во вложении).",
                     "Направляем данные, подготовленные ответственным, письмо во вложении.",
                     "Данные во вложенном письме."])
    # «Попова И.Г.»
    signature = f"{parts[0]} {parts[1][0]}.{parts[2][0]}." if len(parts) == 3 else L.organization
    outer_text = (f"Добрый день!\n\n{note}\n\n{signature}\n\n{d:%d.%m.%Y %H:%M}, {L.gateway_name} пишет:\n"
                  + quote_lines(flowed(L.text, 74)) + "\n")
    attached_name = urllib.parse.quote("Данные для мониторинга за сентябрь.eml", safe="")
    attached = (f"Content-Type: message/rfc822;\n name*=UTF-8''{attached_name}\nContent-Transfer-Encoding: 8bit\n"
                f"Content-Disposition: attachment;\n filename*=UTF-8''{attached_name}\n\n").encode() + inner
    parts = [text_leaf(outer_text, "UTF-8", "8bit", params="; format=flowed"), attached]
    if rp.pdf:
        parts.append(pdf_leaf(rp.pdf[0], rp.pdf[1], "2231"))
    boundary = "------------" + "".join(r.choice("0123456789ABCDEF") for _ in range(24))
    body = multipart("mixed", boundary, parts, preamble="This is a multi-part message in MIME format.")
    head = (f"Subject: {b_words('Re: ' + L.subject, 'UTF-8')}\nTo: {address(L.reply_to_name, L.reply_to)}\n"
            f"References: {L.message_id}\nFrom: {address(rp.name, L.recipient)}\n"
            f"Message-ID: {rp.message_id('uuid')}\nDate: {rp.date_header()}\n"
            "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101 Thunderbird/78.2.2\n"
            f"MIME-Version: 1.0\nIn-Reply-To: {L.message_id}\n")
    return head.encode() + body


def style_plain_qp(rp):
    """Evolution-style plain text: UTF-8 quoted-printable, «В Чт, 10/09/2020 в 10:00 +0500, Name
    пишет:» above a > quote; the PDF named by RFC 2231."""
    L, r = rp.letter, rp.rng
    d = L.date.astimezone(TZ)
    weekday = WEEKDAYS_SHORT[d.weekday()].capitalize()
    text = (f"{rp.new_text()}\n\nВ {weekday}, {d:%d/%m/%Y} в {d:%H:%M} +0500, {L.gateway_name} пишет:\n"
            + quote_lines(L.text) + "\n")
    body = text_leaf(text, "UTF-8", "quoted-printable")
    if rp.pdf:
        boundary = "=-" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(20))
        body = multipart("mixed", boundary, [body, pdf_leaf(rp.pdf[0], rp.pdf[1], "2231")])
    head = (f"Subject: {b_words('Re: ' + L.subject, 'UTF-8')}\nFrom: {address(rp.name, L.recipient)}\n"
            f"To: {address(L.reply_to_name, L.reply_to)}\nDate: {rp.date_header()}\n"
            f"In-Reply-To: {L.message_id}\nReferences: {L.message_id}\n"
            f"Message-ID: {rp.message_id('evolution')}\nMIME-Version: 1.0\nX-Mailer: Evolution 3.36.5-0ubuntu1\n")
    return head.encode() + body


# name: (builder, weight). The weights are a guess at a Russian region's school mailboxes.
STYLES = {
    "outlook-cp1251-qp": (style_outlook, 20),
    "thunderbird-utf8-8bit": (style_thunderbird, 8),
    "gmail-alternative": (style_gmail, 12),
    "mailru-html-base64": (style_mailru, 12),
    "yandex-base64": (style_yandex, 12),
    "iphone-qp": (style_iphone, 7),
    "android-gmail-base64": (style_android, 10),
    "thebat-koi8r-8bit": (style_thebat, 5),
    "forward-rfc822": (style_forward, 4),
    "plain-utf8-qp": (style_plain_qp, 10),
}


# --------------------------------------------------------------------------------------------
# What each reply says


def value_for(indicator, r, positive):
    if indicator.kind == "yesno":
        yes = positive or r.random() < 0.6
        return r.choice(["Да"] * 8 + ["да", "ДА"]) if yes else r.choice(["Нет"] * 8 + ["нет", "НЕТ"])
    if indicator.kind == "percentage":
        whole = r.randint(1, 900)
        part = r.randint(1 if positive else 0, whole)
        return f"{part}{r.choice([' / ', ' / ', ' из ', ' из ', '/'])}{whole}"
    value = r.choice([r.randint(0, 40), r.randint(1, 400), r.randint(100, 2500)])
    if positive and value == 0:
        value = r.randint(1, 50)
    if value >= 1000 and r.random() < 0.5:
        return f"{value // 1000} {value % 1000:03d}"
    return str(value)


def document_name(indicator):
    first = indicator.document.split(" ")[0].lower()
    return f"{indicator.code} {DOCUMENT_WORDS.get(first, 'документ')}.pdf"


def plan(letters, count, seed):
    """(letter index, attempt) for every reply: each letter answered once, then corrections
    spread over about half of the letters, one or two each (more only if --count asks)."""
    r = random.Random(f"plan:{seed}")
    n = len(letters)
    if count <= n:
        return [(i, 0) for i in sorted(r.sample(range(n), count))]
    extra = count - n
    correcting = r.sample(range(n), min(n, max(math.ceil(n / 2), math.ceil(extra / 3))))
    attempts = {i: 0 for i in range(n)}
    for k in range(extra):
        attempts[correcting[k % len(correcting)]] += 1
    return [(i, a) for i in range(n) for a in range(attempts[i] + 1)]


def build_replies(letters, count, seed, pdf_share, pdf_size):
    slots = plan(letters, count, seed)
    with_pdf = set(random.Random(f"pdf:{seed}").sample(range(len(slots)), round(len(slots) * pdf_share)))
    previous = {}
    specs = []
    for slot, (i, attempt) in enumerate(slots):
        L = letters[i]
        r = random.Random(f"reply:{seed}:{L.recipient}:{attempt}")
        # A school uses one client for all its replies.
        person = random.Random(f"client:{seed}:{L.recipient}")
        style = person.choices(list(STYLES), weights=[w for _, w in STYLES.values()])[0]
        if attempt == 0:
            date = L.date + FIRST_REPLY_FROM + timedelta(seconds=r.randrange(int(FIRST_REPLY_SPAN.total_seconds())))
        else:
            date = previous[i] + timedelta(minutes=r.randint(*CORRECTION_GAP), seconds=r.randrange(60))
        previous[i] = date
        k = r.randint(1, min(14, len(L.indicators)))
        chosen = r.sample(range(len(L.indicators)), k)
        pdf = None
        document_code = None
        if slot in with_pdf:
            documented = [j for j in chosen if L.indicators[j].document]
            if not documented:
                candidates = [j for j in range(len(L.indicators)) if L.indicators[j].document]
                if candidates:
                    extra = r.choice(candidates)
                    chosen.append(extra)
                    documented = [extra]
            if documented:
                document_code = r.choice(documented)
                size = r.randint(*pdf_size)
                indicator = L.indicators[document_code]
                pdf = (document_name(indicator), (size, f"pdf:{seed}:{L.recipient}:{attempt}"))
        chosen.sort()
        separator = lambda: r.choice([": "] * 10 + [" = ", ":", "="])  # noqa: E731
        lines = [f"{L.indicators[j].code}{separator()}{value_for(L.indicators[j], r, j == document_code)}"
                 for j in chosen]
        specs.append((i, attempt, date, style, lines, pdf, f"{seed}:{L.recipient}:{attempt}"))
    # Delivery order: by date.
    specs.sort(key=lambda s: (s[2], s[6]))
    return specs


def render(letters, spec, index):
    i, attempt, date, style, lines, pdf, key = spec
    if pdf:
        name, (size, seed) = pdf
        pdf = (name, make_pdf(size, seed))
    rp = Reply(letter=letters[i], index=index, attempt=attempt, date=date, style=style,
               rng=random.Random(f"text:{key}"), lines=lines, pdf=pdf)
    return rp.envelope().encode() + STYLES[style][0](rp), pdf


def verify_pdfs(samples):
    """`qpdf --check` on a sample of the attachments (when qpdf is installed)."""
    if not samples:
        return
    if subprocess.run(["sh", "-c", "command -v qpdf"], capture_output=True).returncode != 0:
        print("corpus: qpdf not installed, PDFs not verified", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, data) in enumerate(samples):
            path = os.path.join(tmp, f"{n}.pdf")
            with open(path, "wb") as f:
                f.write(data)
            result = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
            if result.returncode != 0:
                sys.exit(f"corpus: qpdf --check failed on «{name}» ({len(data)} bytes):\n{result.stdout}{result.stderr}")
    print(f"corpus: qpdf --check passed on {len(samples)} sample PDF(s)", file=sys.stderr)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", required=True, help="Maildir (or its new/) holding indigate's request letters")
    parser.add_argument("--out", required=True, help="Maildir to write the replies into (its new/)")
    parser.add_argument("--count", "-n", type=int, default=4600, help="replies (default 4600)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf-share", type=float, default=1 / 3, help="share of replies with a PDF (default 1/3)")
    parser.add_argument("--pdf-size", default="100000-300000",
                        help="PDF size in bytes, MIN-MAX or one number (default 100000-300000)")
    parser.add_argument("--style", choices=list(STYLES), help="only this client style (default: the mix)")
    parser.add_argument("--verify", type=int, default=3, help="check this many PDFs with qpdf --check (default 3)")
    parser.add_argument("--summary", help="also write the counts as JSON to this file")
    parser.add_argument("--tiny", action="store_true", help="40 replies (the smoke test's size)")
    args = parser.parse_args(argv)
    if args.tiny:
        args.count = 40
    low, _, high = args.pdf_size.partition("-")
    pdf_size = (int(low), int(high or low))
    if args.style:
        for name in list(STYLES):
            if name != args.style:
                STYLES[name] = (STYLES[name][0], 0)

    started = time.time()
    letters = read_letters(args.letters)
    if not letters:
        sys.exit(f"corpus: no request letters in {args.letters}")
    specs = build_replies(letters, args.count, args.seed, args.pdf_share, pdf_size)
    for sub in ("tmp", "new", "cur"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    total = 0
    styles = {}
    samples = []
    pdfs = 0
    for index, spec in enumerate(specs):
        raw, pdf = render(letters, spec, index)
        date = spec[2]
        # Maildir names start with the delivery time, so they sort in delivery order.
        name = f"{int(date.timestamp())}.M{index:06d}P1.mx.rcokio.test"
        # Mode 0600, as Postfix's local(8) and Dovecot deliver a Maildir message.
        fd = os.open(os.path.join(args.out, "new", name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        total += len(raw)
        styles[spec[3]] = styles.get(spec[3], 0) + 1
        if pdf:
            pdfs += 1
            if len(samples) < args.verify:
                samples.append(pdf)
    verify_pdfs(samples)
    corrections = sum(1 for s in specs if s[1] > 0)
    values = sum(len(s[4]) for s in specs)
    print(f"corpus: {len(specs)} replies to {len(letters)} letters ({corrections} corrections), "
          f"{values} values, {pdfs} with a PDF, {total} bytes ({total / 1e6:.1f} MB) in "
          f"{time.time() - started:.1f} s -> {os.path.join(args.out, 'new')}", file=sys.stderr)
    print("corpus: styles " + ", ".join(f"{k} {v}" for k, v in sorted(styles.items())), file=sys.stderr)
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump({"replies": len(specs), "letters": len(letters), "corrections": corrections,
                       "values": values, "pdfs": pdfs, "bytes": total, "styles": styles,
                       "seconds": round(time.time() - started, 1)}, f, ensure_ascii=False, indent=1)
    print(total)


if __name__ == "__main__":
    main()
