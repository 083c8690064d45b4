import CXLSXWriter

/// The cell formats of a form, made once per workbook. Every format is locked (the default) except
/// ``input``: with the sheet protected, only input cells take typing.
struct FormFormats {
    typealias Format = UnsafeMutablePointer<lxw_format>

    let title: Format
    let label: Format
    let stampValue: Format
    let token: Format
    let instructions: Format
    let heading: Format
    let code: Format
    let question: Format
    let hint: Format
    let input: Format
    let unused: Format

    /// Light yellow, as input cells are usually shown; grey for cells that take nothing.
    private static let inputFill: lxw_color_t = 0xFFF2CC
    private static let unusedFill: lxw_color_t = 0xEDEDED
    private static let headingFill: lxw_color_t = 0xD9E1F2

    init(_ workbook: LXWWorkbook) throws {
        func top(_ format: Format) { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        func cell(_ format: Format) {
            top(format)
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
        }
        title = try workbook.addFormat {
            format_set_bold($0)
            format_set_font_size($0, 14)
            format_set_text_wrap($0)
            top($0)
        }
        label = try workbook.addFormat {
            format_set_bold($0)
            format_set_align($0, UInt8(LXW_ALIGN_RIGHT.rawValue))
            top($0)
        }
        stampValue = try workbook.addFormat {
            format_set_text_wrap($0)
            format_set_align($0, UInt8(LXW_ALIGN_LEFT.rawValue))
            top($0)
        }
        token = try workbook.addFormat {
            format_set_font_size($0, 7)
            format_set_font_color($0, lxw_color_t(LXW_COLOR_GRAY.rawValue))
            top($0)
        }
        instructions = try workbook.addFormat {
            format_set_text_wrap($0)
            top($0)
        }
        heading = try workbook.addFormat {
            format_set_bold($0)
            format_set_text_wrap($0)
            format_set_bg_color($0, Self.headingFill)
            format_set_align($0, UInt8(LXW_ALIGN_CENTER.rawValue))
            cell($0)
        }
        code = try workbook.addFormat { cell($0) }
        question = try workbook.addFormat {
            format_set_text_wrap($0)
            cell($0)
        }
        hint = try workbook.addFormat {
            format_set_text_wrap($0)
            format_set_font_size($0, 9)
            cell($0)
        }
        input = try workbook.addFormat {
            format_set_unlocked($0)
            format_set_bg_color($0, Self.inputFill)
            cell($0)
        }
        unused = try workbook.addFormat {
            format_set_bg_color($0, Self.unusedFill)
            cell($0)
        }
    }
}
