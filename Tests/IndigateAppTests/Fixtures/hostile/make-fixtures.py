#!/usr/bin/env python3
"""Writes the hostile messages of this folder: one crafted message per finding of the
hostile-mail issue, named for the case. Placeholders ({{SCHOOL_REPLY_TO}}, {{OPERATOR_REPLY_TO}})
are filled by the tests with the real letters' Reply-To. Run it again to regenerate them."""
import base64, os

here = os.path.dirname(os.path.abspath(__file__))
SCHOOL = "etkul-sosh@etkul.edu.test"

def b64word(text):
    return "=?UTF-8?B?" + base64.b64encode(text.encode()).decode() + "?="

def write(name, headers, body):
    data = "\r\n".join(headers) + "\r\n\r\n"
    data = data.encode() + (body if isinstance(body, bytes) else body.encode())
    with open(os.path.join(here, name), "wb") as f:
        f.write(data)

def basic(frm, to, subject="Re: Мониторинг", extra=(), msgid=None, ctype="text/plain; charset=utf-8"):
    return [f"From: {frm}", f"To: {to}", f"Subject: {subject}", f"Message-ID: <{msgid or os.urandom(6).hex()}@hostile.test>",
            "Date: Fri, 11 Sep 2020 10:00:00 +0500", "MIME-Version: 1.0", f"Content-Type: {ctype}", *extra]

# 1. A stranger writes to an operator's review token asking to release quarantine entry 1:
#    itself, once quarantined.
write("release-itself.eml", basic("someone@evil.test", "{{OPERATOR_REPLY_TO}}", msgid="release-itself"), "ОСВОБОДИТЬ 1\r\n")
# 1b. The same from the operator, to go with ordinary replies in one batch.
write("operator-releases-1.eml", basic("operator1@rcokio.test", "{{OPERATOR_REPLY_TO}}", msgid="operator-releases-1"),
      "ОСВОБОДИТЬ 1\r\n")
# 1c. A message that crashes the daemon while it is handled (fault injection, tests only).
write("crashes-handling.eml", basic(SCHOOL, "{{SCHOOL_REPLY_TO}}", extra=["X-Indigate-Test-Fault: die-while-handling"],
                                    msgid="crashes-handling"), "1.5: 7\r\n")
# 2. 100,000 unterminated tags in an HTML body, from anyone.
write("html-unterminated-tags.eml", basic("someone@evil.test", "monitoring@rcokio.test", ctype="text/html; charset=utf-8",
                                           msgid="html-unterminated"), "<a" * 100_000)
# 4. A Subject with line breaks (encoded), from a registered school's address, without a token.
injected = "Данные\nВНИМАНИЕ: ваш доступ заблокирован, войдите на портал https://portal.evil.test/login\n№ 9999 — СРОЧНО: ответьте ПРИНЯТЬ ВСЕ"
write("subject-line-breaks.eml", basic(SCHOOL, "monitoring@rcokio.test", subject=b64word(injected), msgid="subject-breaks"),
      "1.5: 7\r\n")
# 4b. Terminal escapes in a stranger's Subject (raw ESC and BEL in an encoded word).
write("subject-terminal-escapes.eml", basic("someone@evil.test", "monitoring@rcokio.test",
      subject=b64word("\x1b[2J\x1b[31mВНИМАНИЕ\x07"), msgid="subject-escapes"), "hi\r\n")
# 8. Loose From addresses that name the school.
write("from-two-at-signs.eml", basic(f"{SCHOOL}@evil.test", "{{SCHOOL_REPLY_TO}}", msgid="from-two-at"), "1.5: 7\r\n")
write("from-display-name-address.eml", basic(f"attacker@evil.test <{SCHOOL}>", "{{SCHOOL_REPLY_TO}}", msgid="from-display"),
      "1.5: 7\r\n")
write("from-two-headers.eml", [f"From: {SCHOOL}", *basic("attacker@evil.test", "{{SCHOOL_REPLY_TO}}", msgid="from-two")],
      "1.5: 7\r\n")
with open(os.path.join(here, "from-nul.eml"), "wb") as f:
    f.write(b"From: " + SCHOOL.encode() + b"\x00@evil.test\r\n" +
            "\r\n".join(basic("x", "{{SCHOOL_REPLY_TO}}", msgid="from-nul")[1:]).encode() + b"\r\n\r\n1.5: 7\r\n")
# 10. An ordinary reply, delivered twice with the same bytes in one poll.
write("same-bytes-twice.eml", basic(SCHOOL, "{{SCHOOL_REPLY_TO}}", msgid="same-bytes"), "1.5: 7\r\n")
# 11. A NUL inside the name, and control characters in a value line.
with open(os.path.join(here, "name-with-nul.eml"), "wb") as f:
    f.write("\r\n".join(basic(SCHOOL, "{{SCHOOL_REPLY_TO}}", msgid="name-nul")).encode() +
            "\r\n\r\nФИО: Иванова\x00Анна Петровна\r\n1.5: 7\x1b[2J\x07\r\n".encode())
# 11b. A Message-ID of 5,000 characters.
write("long-message-id.eml", basic(SCHOOL, "{{SCHOOL_REPLY_TO}}", msgid="x" * 5000), "1.5: 7\r\n")
# 6. A message over the size limit (the tests set limits.message_bytes to 100 KB): a 300 KB attachment.
blob = base64.encodebytes(os.urandom(225_000)).decode().replace("\n", "\r\n")
for name, frm, to in (("oversize-from-stranger.eml", "someone@evil.test", "monitoring@rcokio.test"),
                      ("oversize-from-school.eml", SCHOOL, "{{SCHOOL_REPLY_TO}}")):
    write(name, basic(frm, to, ctype="multipart/mixed; boundary=B", msgid=name), "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n1.5: 7\r\n"
          "--B\r\nContent-Type: application/octet-stream; name=big.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n" + blob + "--B--\r\n")
# 9. Active PDFs as documents: JavaScript run on opening, and a PDF that is also a ZIP with an .exe
#    (the PDFs are IndigatePDFTests' fixtures).
pdfs = os.path.join(here, "..", "..", "..", "IndigatePDFTests", "Fixtures")
for name, pdf in (("pdf-openaction-javascript.eml", "openaction-javascript.pdf"), ("pdf-zip-polyglot.eml", "pdf-zip-polyglot.pdf")):
    with open(os.path.join(pdfs, pdf), "rb") as f:
        data = base64.encodebytes(f.read()).decode().replace("\n", "\r\n")
    write(name, basic(SCHOOL, "{{SCHOOL_REPLY_TO}}", ctype="multipart/mixed; boundary=B", msgid=name),
          "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n1.1: 40\r\n"
          "--B\r\nContent-Type: application/pdf; name=\"1.1 prikaz.pdf\"\r\nContent-Disposition: attachment; filename=\"1.1 prikaz.pdf\"\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\n" + data + "--B--\r\n")
