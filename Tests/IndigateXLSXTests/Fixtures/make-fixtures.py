#!/usr/bin/python3
"""Makes the filled-form fixtures of IndigateXLSXTests from the blank forms that the Swift tests
write (INDIGATE_UPDATE_FIXTURES=1 swift test --filter IndigateXLSXTests), with real tools:

- openpyxl 3.0 (python3-openpyxl), an Excel-style writer: fills cells, merges, renames, adds sheets;
- LibreOffice Calc 7.4 (libreoffice-calc), headless: `soffice --convert-to xlsx` and `ods`, and,
  through its UNO bridge (python3-uno), edits the way a person in Calc does (unprotect, insert a row,
  rename the sheet, type values, save as .xlsx), so that LibreOffice writes every byte;
- Python's zipfile and zlib for the one hostile file that needs real deflate data (the zip bomb).

Beside each fixture it writes NAME.json, what FormReader should return for it. Run with Debian's
python3 (it has openpyxl and uno): /usr/bin/python3 make-fixtures.py. The outputs are not
reproducible byte for byte (both writers stamp the time), but their contents are.
"""
import datetime, json, os, shutil, subprocess, tempfile, time, zipfile, zlib

import openpyxl
import uno
from com.sun.star.beans import PropertyValue

HERE = os.path.dirname(os.path.abspath(__file__))
TMP = tempfile.mkdtemp(prefix="indigate-fixtures-")
NBSP, THIN = "\u00a0", "\u2009"

TOKEN = "ig1.7701234567.2026-11.Q2hlY2tUb2tlbjQy.k9"
INN, ROUND = "7701234567", "2026-11"
OTHER_TOKEN, OTHER_INN = "ig1.7709876543.2026-11.T3RoZXJTY2hvb2w.x2", "7709876543"
OLD_TOKEN, OLD_ROUND = "ig1.7701234567.2026-10.UHJldmlvdXNSb3VuZA.p7", "2026-10"
CODES = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"]  # rows 7 to 12; 2.1 is the percentage


def src(name):
    return os.path.join(HERE, name)


def tmp(name):
    return os.path.join(TMP, name)


# ---- what the reader should find -------------------------------------------------------------

def cell(kind, text, formula=None, merged_from=None):
    out = {"kind": kind, "text": text}
    if formula is not None:
        out["formula"] = formula
    if merged_from is not None:
        out["mergedFrom"] = merged_from
    return out


def stamp(place, token=TOKEN, inn=INN, round_=ROUND):
    return {"place": place, "token": token, "inn": inn, "round": round_}


def rows(answers, first_row=7):
    """answers: code -> (value cell or None, whole cell or None), for the six codes in order."""
    return [{"row": first_row + i, "code": code, "value": answers.get(code, (None, None))[0],
             "whole": answers.get(code, (None, None))[1]} for i, code in enumerate(CODES)]


def expect(name, stamps, answers, sheet="Форма", found_names=True, first_row=7, extra_rows=()):
    expected = {"sheetName": sheet, "foundNames": found_names, "stamps": stamps,
                "rows": sorted(rows(answers, first_row) + list(extra_rows), key=lambda r: r["row"])}
    with open(src(name[:-5] + ".json"), "w") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


# ---- LibreOffice -----------------------------------------------------------------------------

def soffice_convert(path, to, outdir):
    """`soffice --headless --convert-to` with a profile of its own; returns the output path."""
    profile = uno.systemPathToFileUrl(tmp("profile-convert"))
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", to, "--outdir", outdir, path], check=True, capture_output=True)
    return os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + "." + to.split(":")[0])


def convert(source, name, via_ods=False):
    """source through LibreOffice (and through .ods first if via_ods) into fixture `name`."""
    work = tempfile.mkdtemp(dir=TMP)
    path = shutil.copy(source, os.path.join(work, "form.xlsx"))
    if via_ods:
        ods_dir = tempfile.mkdtemp(dir=TMP)
        path = soffice_convert(path, "ods", ods_dir)
    out_dir = tempfile.mkdtemp(dir=TMP)
    shutil.move(soffice_convert(path, "xlsx", out_dir), src(name))


class Calc:
    """One headless LibreOffice, driven through UNO as a person would use Calc."""

    def __init__(self):
        pipe = "indigate_fixtures_%d" % os.getpid()
        profile = uno.systemPathToFileUrl(tmp("profile-uno"))
        self.process = subprocess.Popen(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
             "--nologo", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"])
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise RuntimeError("LibreOffice did not answer")
        self.desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)

    @staticmethod
    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    def edit(self, source, name, change, filter_name="Calc MS Excel 2007 XML"):
        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                                (self.prop("Hidden", True),))
        change(doc)
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(src(name)), (self.prop("FilterName", filter_name),))
        doc.close(True)

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        self.process.wait(timeout=60)


# ---- the fixtures ----------------------------------------------------------------------------

def excel_serial(day):
    return (day - datetime.date(1899, 12, 30)).days


def openpyxl_fill(source, name, fill):
    book = openpyxl.load_workbook(source)
    fill(book)
    book.save(src(name))


def plain_answers(book):
    sheet = book["Форма"]
    sheet["D7"], sheet["D8"], sheet["D9"] = 1234, 87, "Да"
    sheet["D10"], sheet["E10"], sheet["D11"], sheet["D12"] = 412, 415, 0, "Нет"


PLAIN = {"1.1": (cell("number", "1234"), None), "1.2": (cell("number", "87"), None),
         "1.3": (cell("text", "Да"), None), "2.1": (cell("number", "412"), cell("number", "415")),
         "2.2": (cell("number", "0"), None), "3.1": (cell("text", "Нет"), None)}


def odd_answers(book):
    """Numbers as text, with a no-break and a thin space, a decimal comma, a boolean, a date and a
    formula: what people type, paste or get from another program."""
    sheet = book["Форма"]
    sheet["D7"] = "1" + NBSP + "234"
    sheet["D8"] = "87"
    sheet["D9"] = True
    sheet["D10"], sheet["E10"] = "1,5", "2" + THIN + "500"
    sheet["D11"] = datetime.date(2026, 11, 5)
    sheet["D12"] = "=2+3"


ODD_TEXTS = {"1.1": (cell("text", "1" + NBSP + "234"), None), "1.2": (cell("text", "87"), None),
             "2.1": (cell("text", "1,5"), cell("text", "2" + THIN + "500")),
             "2.2": (cell("number", str(excel_serial(datetime.date(2026, 11, 5)))), None)}


def merged_answers(book):
    """A person unprotects the sheet and merges: D8:E8 (typed into D8), and C9:D9 (typed into C9,
    which the merged cell shows over D9)."""
    sheet = book["Форма"]
    sheet.protection.sheet = False
    plain_answers(book)
    sheet.merge_cells("D8:E8")
    sheet["C9"] = "Да"
    sheet.merge_cells("C9:D9")


def calc_plain(doc):
    sheet = doc.Sheets.getByIndex(0)
    for ref, value in [("D7", 1234), ("D8", 87), ("D10", 412), ("E10", 415), ("D11", 0)]:
        sheet.getCellRangeByName(ref).setValue(value)
    sheet.getCellRangeByName("D9").setString("Да")
    sheet.getCellRangeByName("D12").setString("Нет")


def calc_row_inserted(doc):
    """Unprotect, insert a row above the first indicator with a note of the school's own, fill in
    (everything moves down a row), protect again."""
    sheet = doc.Sheets.getByIndex(0)
    sheet.unprotect("")
    sheet.Rows.insertByIndex(6, 1)
    sheet.getCellRangeByName("A7").setString("Заполнено завучем")
    for ref, value in [("D8", 1234), ("D9", 87), ("D11", 412), ("E11", 415), ("D12", 0)]:
        sheet.getCellRangeByName(ref).setValue(value)
    sheet.getCellRangeByName("D10").setString("Да")
    sheet.getCellRangeByName("D13").setString("Нет")
    sheet.protect("")


def calc_renamed(doc):
    """Rename the form's sheet, add a sheet of notes before it, fill in."""
    sheet = doc.Sheets.getByIndex(0)
    sheet.Name = "Ответ школы"
    doc.Sheets.insertNewByName("Заметки", 0)
    doc.Sheets.getByName("Заметки").getCellRangeByName("A1").setString("1.1")
    calc_plain_on(doc.Sheets.getByName("Ответ школы"))


def calc_plain_on(sheet):
    for ref, value in [("D7", 1234), ("D8", 87), ("D10", 412), ("E10", 415), ("D11", 0)]:
        sheet.getCellRangeByName(ref).setValue(value)
    sheet.getCellRangeByName("D9").setString("Да")
    sheet.getCellRangeByName("D12").setString("Нет")


def calc_formula(doc):
    sheet = doc.Sheets.getByIndex(0)
    calc_plain_on(sheet)
    sheet.getCellRangeByName("D11").setFormula("=2+3")
    sheet.getCellRangeByName("D8").setString("1" + NBSP + "234")


def openpyxl_renamed(book):
    """openpyxl renames a sheet without touching the defined names: they now point nowhere."""
    plain_answers(book)
    book["Форма"].title = "Данные"


def openpyxl_extra_sheet(book):
    plain_answers(book)
    notes = book.create_sheet("Заметки", 0)
    notes["A1"], notes["D1"] = "1.1", 999
    book.active = 1


def zip_bomb(name):
    """A form whose worksheet is 1 GiB of zeros, deflated (about 1 MB); sizes declared honestly."""
    with zipfile.ZipFile(src("blank-form.xlsx")) as blank:
        parts = {info.filename: blank.read(info) for info in blank.infolist()}
    size = 1 << 30
    with zipfile.ZipFile(src(name), "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            if part != "xl/worksheets/sheet1.xml":
                out.writestr(part, data)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=False) as entry:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                entry.write(chunk)


def main():
    blank, other, previous = src("blank-form.xlsx"), src("blank-form-other-organisation.xlsx"), \
        src("blank-form-previous-round.xlsx")
    named, props, layout = "namedCells", "customProperties", "layoutCells"

    # openpyxl (Excel-style writer). openpyxl 3.0 drops custom document properties.
    openpyxl_fill(blank, "openpyxl-filled.xlsx", plain_answers)
    expect("openpyxl-filled.xlsx", [stamp(named)], PLAIN)
    openpyxl_fill(blank, "openpyxl-odd-values.xlsx", odd_answers)
    expect("openpyxl-odd-values.xlsx", [stamp(named)],
           {**ODD_TEXTS, "1.3": (cell("boolean", "TRUE"), None), "3.1": (cell("uncalculated", "", "2+3"), None)})
    openpyxl_fill(blank, "openpyxl-renamed-sheet.xlsx", openpyxl_renamed)
    expect("openpyxl-renamed-sheet.xlsx", [stamp(layout)], PLAIN, sheet="Данные", found_names=False)
    openpyxl_fill(blank, "openpyxl-extra-sheet.xlsx", openpyxl_extra_sheet)
    expect("openpyxl-extra-sheet.xlsx", [stamp(named)], PLAIN)

    # openpyxl's files through LibreOffice: fill, then convert. LibreOffice saves a boolean as the
    # formula TRUE() with its cached result.
    convert(src("openpyxl-odd-values.xlsx"), "libreoffice-converted-odd-values.xlsx")
    expect("libreoffice-converted-odd-values.xlsx", [stamp(named)],
           {**ODD_TEXTS, "1.3": (cell("boolean", "TRUE", "TRUE()"), None), "3.1": (cell("number", "5", "2+3"), None)})
    convert(src("openpyxl-filled.xlsx"), "libreoffice-ods-roundtrip.xlsx", via_ods=True)
    expect("libreoffice-ods-roundtrip.xlsx", [stamp(named)], PLAIN)
    work = tmp("merged.xlsx")
    book = openpyxl.load_workbook(blank)
    merged_answers(book)
    book.save(work)
    convert(work, "libreoffice-converted-merged.xlsx")
    expect("libreoffice-converted-merged.xlsx", [stamp(named)],
           {**PLAIN, "1.2": (cell("number", "87"), cell("number", "87", merged_from="D8")),
            "1.3": (cell("text", "Да", merged_from="C9"), None)})

    # LibreOffice alone: the blank form opened, edited and saved by Calc.
    convert(blank, "libreoffice-blank.xlsx")
    expect("libreoffice-blank.xlsx", [stamp(named), stamp(props)], {})
    convert(blank, "libreoffice-blank-ods-roundtrip.xlsx", via_ods=True)
    expect("libreoffice-blank-ods-roundtrip.xlsx", [stamp(named), stamp(props)], {})
    calc = Calc()
    try:
        calc.edit(blank, "libreoffice-filled.xlsx", calc_plain)
        expect("libreoffice-filled.xlsx", [stamp(named), stamp(props)], PLAIN)
        calc.edit(blank, "libreoffice-formula-and-nbsp.xlsx", calc_formula)
        expect("libreoffice-formula-and-nbsp.xlsx", [stamp(named), stamp(props)],
               {**PLAIN, "1.2": (cell("text", "1" + NBSP + "234"), None), "2.2": (cell("number", "5", "2+3"), None)})
        calc.edit(blank, "libreoffice-row-inserted.xlsx", calc_row_inserted)
        expect("libreoffice-row-inserted.xlsx", [stamp(named), stamp(props)], PLAIN, first_row=8)
        calc.edit(blank, "libreoffice-renamed-sheet.xlsx", calc_renamed)
        expect("libreoffice-renamed-sheet.xlsx", [stamp(named), stamp(props)], PLAIN, sheet="Ответ школы")
        calc.edit(other, "libreoffice-other-organisation.xlsx", calc_plain)
        expect("libreoffice-other-organisation.xlsx",
               [stamp(named, OTHER_TOKEN, OTHER_INN), stamp(props, OTHER_TOKEN, OTHER_INN)], PLAIN)
        calc.edit(previous, "libreoffice-previous-round.xlsx", calc_plain)
        expect("libreoffice-previous-round.xlsx",
               [stamp(named, OLD_TOKEN, INN, OLD_ROUND), stamp(props, OLD_TOKEN, INN, OLD_ROUND)], PLAIN)
    finally:
        calc.close()

    zip_bomb("zip-bomb-1gib-zeros.xlsx")
    shutil.rmtree(TMP)


if __name__ == "__main__":
    main()
