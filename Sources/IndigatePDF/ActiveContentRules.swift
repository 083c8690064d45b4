import IndigateCore
/// Which dictionary keys and which names mark active content. Keys and names are compared in
/// qpdf's canonical form (`/J#61vaScript` arrives as `/JavaScript`). `/URI` is not active: a link
/// opens only when clicked, in a browser, after the viewer asks.
enum ActiveContentRules {
    /// Active content marked by a dictionary's key alone, whatever its value.
    static func forKey(_ key: String) -> ActiveContent? {
        switch key {
        case "/JS", "/JavaScript": .javaScript
        case "/Launch": .launch
        case "/EmbeddedFile", "/EmbeddedFiles", "/EF": .embeddedFile
        case "/SubmitForm": .submitForm
        case "/RichMedia", "/RichMediaContent", "/RichMediaSettings": .richMedia
        default: nil
        }
    }

    /// The keys whose name value ``forName(_:under:)`` judges.
    static let namedKeys: Set<String> = ["/S", "/Type", "/Subtype"]

    /// Active content marked by a name value: an action's subtype (`/S`) or an object's
    /// `/Type` or `/Subtype`.
    static func forName(_ name: String, under key: String) -> ActiveContent? {
        switch (key, name) {
        case ("/S", "/JavaScript"): .javaScript
        case ("/S", "/Launch"): .launch
        case ("/S", "/SubmitForm"): .submitForm
        case ("/S", "/RichMediaExecute"): .richMedia
        case ("/S", "/GoToE"): .embeddedFile
        case ("/Type", "/EmbeddedFile"), ("/Subtype", "/FileAttachment"): .embeddedFile
        case ("/Subtype", "/RichMedia"): .richMedia
        default: nil
        }
    }

    /// The keys whose value runs by itself: when the document opens (`/OpenAction`, in the
    /// catalog) or on page, field and document events (`/AA`, additional actions).
    static let automaticKeys: Set<String> = ["/OpenAction", "/AA"]
}
