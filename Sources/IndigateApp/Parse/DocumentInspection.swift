import IndigateCore
import IndigatePDF

/// The Parse stage's second step: every attachment whose bytes look like a PDF is read by qpdf
/// (`PDFInspector`) — pages, encryption, active content, damage — in the same isolated worker
/// as GMime, under the same memory and time limits, since a hostile PDF can cost qpdf gigabytes.
enum DocumentInspection {
    static func inspect(_ message: ParsedMessage) -> ParsedMessage {
        var message = message
        for index in message.attachments.indices where message.attachments[index].looksLikePDF {
            message.attachments[index].pdf = PDFInspector.inspect(message.attachments[index].bytes)
        }
        // The request form filled in: read here too, for the same reasons (ZIP and XML from anyone).
        for index in message.attachments.indices where message.attachments[index].looksLikeSpreadsheet {
            message.attachments[index].form = FormReading.read(message.attachments[index].bytes)
        }
        return message
    }
}
