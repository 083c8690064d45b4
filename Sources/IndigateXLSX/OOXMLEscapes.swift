/// OOXML's escapes in cell text: `_xHHHH_` stands for the UTF-16 code unit HHHH (Excel writes
/// control characters so, `_x000D_` for a carriage return), and `_x005F_` before such a sequence
/// keeps it literal. Linear in the text; left as they are where they do not decode.
enum OOXMLEscapes {
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let units = Array(text.utf16)
        var output: [UInt16] = []
        output.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            if let unit = escaped(units, at: index) {
                output.append(unit)
                index += 7
            } else {
                output.append(units[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF16.self)
    }

    /// The code unit of an `_xHHHH_` starting at `index`, if one does.
    private static func escaped(_ units: [UInt16], at index: Int) -> UInt16? {
        guard index + 6 < units.count, units[index] == 0x5F, units[index + 1] == 0x78, units[index + 6] == 0x5F else {
            return nil
        }
        var value: UInt16 = 0
        for offset in 2...5 {
            let unit = units[index + offset]
            let digit: UInt16
            switch unit {
            case 0x30...0x39: digit = unit - 0x30
            case 0x41...0x46: digit = unit - 0x41 + 10
            case 0x61...0x66: digit = unit - 0x61 + 10
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
