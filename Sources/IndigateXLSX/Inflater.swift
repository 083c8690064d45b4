import CZlib
import Foundation

/// Raw deflate (ZIP method 8) inflated with zlib from exactly the bytes given, into at most `limit`
/// bytes: input and output are both bounded, whatever the stream says.
enum Inflater {
    enum Failure: Error {
        /// The output would pass the limit.
        case tooLarge
        /// Not a valid stream, or one that does not end within its input.
        case damaged
    }

    static func inflate(_ input: ArraySlice<UInt8>, limit: Int) throws(Failure) -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .damaged
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var exceeded = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let result: Int32 = input.withUnsafeBufferPointer { source in
            // zlib's next_in is not const in this header; it only reads through it.
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return zlibInflate(&stream)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard output.count + produced <= limit else {
                    exceeded = true
                    return Z_OK
                }
                output.append(contentsOf: chunk[0..<produced])
                // Z_BUF_ERROR: no progress possible, the input ended before the stream did.
                if status != Z_OK { return status }
            }
        }
        if exceeded { throw .tooLarge }
        guard result == Z_STREAM_END else { throw .damaged }
        return output
    }

    /// zlib's CRC-32 of `data`.
    static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            UInt32(CZlib.crc32(0, raw.bindMemory(to: UInt8.self).baseAddress, UInt32(raw.count)))
        }
    }
}

/// `inflate(3)`, named apart from ``Inflater/inflate(_:limit:)``.
private func zlibInflate(_ stream: UnsafeMutablePointer<z_stream>) -> Int32 {
    inflate(stream, Z_NO_FLUSH)
}
