#!/usr/bin/python3
"""Fills indigate's request form as a clerk would in a spreadsheet, with openpyxl.

    fill-form.py IN.xlsx OUT.xlsx CODE=VALUE[;WHOLE] ... [merge:CODE ...]

Each VALUE (and WHOLE) is written into the row whose code cell holds CODE: as a number when it
is a plain integer prefixed with '#' (`1.5=#12`), as a formula when it starts with '='
(`1.5==5+7`: openpyxl stores no result, a spreadsheet program computes and caches it), as text
otherwise (`1.5=1 234` keeps its no-break space). The value goes to the column headed after the
question and hint (D), the whole to the next (E). `merge:CODE` merges that row's value cell with
the next one, as a clerk tidying the sheet might. Everything else in the workbook is kept as
openpyxl keeps it.
"""
import sys

import openpyxl


def cell_value(text):
    if text.startswith("#"):
        return int(text[1:])
    return text


def main():
    source, target, *answers = sys.argv[1:]
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.worksheets[0]
    rows = {}
    for row in sheet.iter_rows(min_col=1, max_col=1):
        cell = row[0]
        if isinstance(cell.value, str):
            rows[cell.value.strip()] = cell.row
    for answer in answers:
        if answer.startswith("merge:"):
            row = rows[answer[len("merge:"):]]
            sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
            continue
        code, _, given = answer.partition("=")
        value, _, whole = given.partition(";")
        row = rows[code]
        sheet.cell(row=row, column=4, value=cell_value(value))
        if whole:
            sheet.cell(row=row, column=5, value=cell_value(whole))
    workbook.save(target)


if __name__ == "__main__":
    main()
