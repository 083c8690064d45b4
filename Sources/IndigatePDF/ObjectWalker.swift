import CQPDF
import IndigateCore

/// Walks every object of an open document and collects the ``ActiveContent`` its dictionaries
/// mark (see ``ActiveContentRules``): first everything reachable from the trailer, following
/// references of any generation, then every object id from 1 to the trailer's `/Size` that was not
/// reached (orphans a viewer may still find). Direct values are walked with an explicit stack, so
/// nesting depth costs no recursion.
///
/// Bounded: at most ``maxObjects`` objects and ``maxValues`` values. A file that needs more, or
/// whose `/Size` claims more objects, is left unfinished and ``complete`` is false.
struct ObjectWalker {
    static let maxObjects = 100_000
    static let maxValues = 2_000_000

    /// A container being walked: the handle it owns and the next item or key to look at.
    private enum Frame {
        case array(qpdf_oh, count: Int32, next: Int32)
        case dictionary(qpdf_oh, keys: [QPDFObjectReader.Key], next: Int)

        var handle: qpdf_oh {
            switch self {
            case .array(let handle, _, _), .dictionary(let handle, _, _): handle
            }
        }
    }

    private let reader: QPDFObjectReader
    /// What was found so far.
    private(set) var found: Set<ActiveContent> = []
    /// False once a bound stopped the walk.
    private(set) var complete = true
    /// The streams small enough to decode (see ``StreamCost``).
    private(set) var decodableStreams: [(id: Int32, generation: Int32)] = []
    private var visited: Set<UInt64> = []
    private var pending: [(id: Int32, generation: Int32)] = []
    private var objects = 0
    private var values = 0

    init(reader: QPDFObjectReader) { self.reader = reader }

    /// Walks the whole document once.
    mutating func walk() {
        let trailer = reader.trailer()
        let sizeValue = reader.value(trailer, key: "/Size")
        let size = reader.integer(sizeValue) ?? 0
        reader.release(sizeValue)
        walk(container: trailer)
        follow()
        guard size <= Int64(Self.maxObjects) + 1 else {
            complete = false
            return
        }
        var id: Int32 = 1
        while complete, Int64(id) < size {
            pending.append((id, 0))
            follow()
            id += 1
        }
    }

    /// Visits the pending references, and those they lead to, each object once.
    private mutating func follow() {
        while complete, let next = pending.popLast() {
            let key = UInt64(UInt32(bitPattern: next.id)) << 32 | UInt64(UInt32(bitPattern: next.generation))
            guard next.id > 0, visited.insert(key).inserted else { continue }
            let object = reader.object(id: next.id, generation: next.generation)
            switch reader.type(object) {
            case ot_stream:
                countObject()
                let dictionary = reader.streamDictionary(object)
                reader.release(object)
                if let cost = StreamCost.worstCase(of: dictionary, reader: reader), cost <= StreamCost.maxDecodedBytes {
                    decodableStreams.append(next)
                }
                walk(container: dictionary)
            case ot_dictionary, ot_array:
                countObject()
                walk(container: object)
            default:
                reader.release(object)
            }
        }
    }

    private mutating func countObject() {
        objects += 1
        if objects > Self.maxObjects { complete = false }
    }

    /// Walks a dictionary or array and the direct values inside it; queues references. Takes
    /// ownership of `root`.
    private mutating func walk(container root: qpdf_oh) {
        var stack: [Frame] = []
        open(root, onto: &stack)
        while complete, let frame = stack.popLast() {
            switch frame {
            case .array(let array, let count, let next):
                guard next < count else {
                    reader.release(array)
                    continue
                }
                stack.append(.array(array, count: count, next: next + 1))
                consider(reader.item(array, next), onto: &stack)
            case .dictionary(let dictionary, let keys, let next):
                guard next < keys.count else {
                    reader.release(dictionary)
                    continue
                }
                stack.append(.dictionary(dictionary, keys: keys, next: next + 1))
                consider(reader.value(dictionary, key: keys[next]), onto: &stack)
            }
        }
        for frame in stack { reader.release(frame.handle) }
    }

    /// One value inside a container: a reference is queued, a container is opened, a scalar is
    /// dropped. Takes ownership of `value`.
    private mutating func consider(_ value: qpdf_oh, onto stack: inout [Frame]) {
        values += 1
        guard values <= Self.maxValues else {
            complete = false
            reader.release(value)
            return
        }
        if reader.isIndirect(value) {
            pending.append(reader.reference(value))
            reader.release(value)
        } else {
            open(value, onto: &stack)
        }
    }

    /// Pushes a dictionary (after judging its keys) or an array; releases anything else.
    private mutating func open(_ value: qpdf_oh, onto stack: inout [Frame]) {
        switch reader.type(value) {
        case ot_dictionary: stack.append(.dictionary(value, keys: judge(value), next: 0))
        case ot_array: stack.append(.array(value, count: reader.count(value), next: 0))
        default: reader.release(value)
        }
    }

    /// Records what a dictionary's keys and named values mark; returns its keys.
    private mutating func judge(_ dictionary: qpdf_oh) -> [QPDFObjectReader.Key] {
        let keys = reader.keys(dictionary)
        for key in keys {
            let name = String(decoding: key.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let hit = ActiveContentRules.forKey(name) { found.insert(hit) }
            if ActiveContentRules.namedKeys.contains(name) {
                let value = reader.value(dictionary, key: key)
                if let valueName = reader.name(value), let hit = ActiveContentRules.forName(valueName, under: name) {
                    found.insert(hit)
                }
                reader.release(value)
            } else if ActiveContentRules.automaticKeys.contains(name) {
                let value = reader.value(dictionary, key: key)
                if AutomaticActions(reader: reader).runAction(key: name, value: value) { found.insert(.openAction) }
                reader.release(value)
            }
        }
        return keys
    }
}
