import IndigateCore
import CQPDF

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Object access through qpdf's C object handles (`qpdf_oh_*`) into a ``QPDFDocument``, which
/// must outlive it. Every function returning a `qpdf_oh` hands the caller a new handle, which the
/// caller gives back with ``release(_:)`` (qpdf keeps handles until released or cleaned up).
///
/// Only type-appropriate calls are made (a key of a dictionary, the name of a name): qpdf turns a
/// mismatched call into a warning, and warnings mean damage to ``PDFInspector``. Errors in these
/// calls are silenced and left pending in the document, where the inspector finds them.
struct QPDFObjectReader {
    /// A dictionary key as qpdf gives it: a canonical name (`/JavaScript`, with `#xx` escapes
    /// resolved), kept as its raw bytes with the terminating NUL, so that a key that is not UTF-8
    /// still finds its value.
    typealias Key = [CChar]

    private let handle: qpdf_data

    init(_ handle: qpdf_data) { self.handle = handle }

    func release(_ object: qpdf_oh) { qpdf_oh_release(handle, object) }

    /// The trailer dictionary. New handle.
    func trailer() -> qpdf_oh { qpdf_get_trailer(handle) }

    /// Indirect object `id generation R` (null if there is none). New handle.
    func object(id: Int32, generation: Int32) -> qpdf_oh { qpdf_get_object_by_id(handle, id, generation) }

    /// The object's type, resolving an indirect reference first.
    func type(_ object: qpdf_oh) -> qpdf_object_type_e { qpdf_oh_get_type_code(handle, object) }

    /// Whether the handle is a reference (`n g R`), without resolving it.
    func isIndirect(_ object: qpdf_oh) -> Bool { qpdf_oh_is_indirect(handle, object) != QPDF_FALSE }

    /// The object id and generation of a reference.
    func reference(_ object: qpdf_oh) -> (id: Int32, generation: Int32) {
        (qpdf_oh_get_object_id(handle, object), qpdf_oh_get_generation(handle, object))
    }

    /// The keys of a dictionary, collected before anything else touches qpdf's one key iterator.
    func keys(_ dictionary: qpdf_oh) -> [Key] {
        var keys: [Key] = []
        qpdf_oh_begin_dict_key_iter(handle, dictionary)
        while qpdf_oh_dict_more_keys(handle) != QPDF_FALSE {
            guard let key = qpdf_oh_dict_next_key(handle) else { break }
            keys.append(Array(UnsafeBufferPointer(start: key, count: strlen(key) + 1)))
        }
        return keys
    }

    /// The value of `key` in a dictionary (null when absent). New handle.
    func value(_ dictionary: qpdf_oh, key: Key) -> qpdf_oh { qpdf_oh_get_key(handle, dictionary, key) }

    /// The value of `key` in a dictionary (null when absent). New handle.
    func value(_ dictionary: qpdf_oh, key: String) -> qpdf_oh { qpdf_oh_get_key(handle, dictionary, key) }

    /// Whether a dictionary has `key` with a non-null value.
    func has(_ dictionary: qpdf_oh, key: String) -> Bool { qpdf_oh_has_key(handle, dictionary, key) != QPDF_FALSE }

    /// The name (`/GoTo`) of a name object, resolving a reference; `nil` for anything else.
    func name(_ object: qpdf_oh) -> String? {
        guard qpdf_oh_is_name(handle, object) != QPDF_FALSE, let name = qpdf_oh_get_name(handle, object) else { return nil }
        return String(cString: name)
    }

    /// The value of an integer object; `nil` for anything else.
    func integer(_ object: qpdf_oh) -> Int64? {
        var value: Int64 = 0
        return qpdf_oh_get_value_as_longlong(handle, object, &value) != QPDF_FALSE ? value : nil
    }

    /// The number of items of an array.
    func count(_ array: qpdf_oh) -> Int32 { max(0, qpdf_oh_get_array_n_items(handle, array)) }

    /// Item `index` of an array. New handle.
    func item(_ array: qpdf_oh, _ index: Int32) -> qpdf_oh { qpdf_oh_get_array_item(handle, array, index) }

    /// The dictionary of a stream (direct). New handle.
    func streamDictionary(_ stream: qpdf_oh) -> qpdf_oh { qpdf_oh_get_dict(handle, stream) }
}
