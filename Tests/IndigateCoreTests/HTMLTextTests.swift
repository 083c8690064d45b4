import IndigateCore
import Testing

@Suite struct HTMLTextTests {
    @Test func turnsLineBreaksIntoLines() {
        #expect(HTMLText.text(of: "1.2: 125<br>2.1: Да<BR/>1.3: 1 / 2") == "1.2: 125\n2.1: Да\n1.3: 1 / 2")
    }

    @Test func turnsParagraphsAndDivsIntoLines() {
        let text = HTMLText.text(of: "<p>1.2: 125</p><div>2.1: Да</div>")
        #expect(text.split(separator: "\n") == ["1.2: 125", "2.1: Да"])
    }

    @Test func turnsTableRowsIntoLinesWithCellsSeparatedBySpaces() {
        let html = "<table><tr><td>1.2:</td><td>125</td></tr><tr><th>2.1</th><th>=</th><td>Да</td></tr></table>"
        #expect(HTMLText.text(of: html).split(separator: "\n") == ["1.2: 125", "2.1 = Да"])
    }

    @Test func joinsSourceLineBreaksWithinAParagraph() {
        #expect(HTMLText.text(of: "<p>1.2:\r\n   125</p>").split(separator: "\n") == ["1.2: 125"])
    }

    @Test func decodesNamedEntities() {
        #expect(HTMLText.text(of: "1&nbsp;234 &laquo;Да&raquo; &amp; &lt;нет&gt; &mdash;") == "1\u{00A0}234 «Да» & <нет> —")
    }

    @Test func decodesNumericEntities() {
        #expect(HTMLText.text(of: "&#171;&#x41;&#X42;&#1044;&#xbb;") == "«ABД»")
    }

    @Test func anEntityEndsWithinTenCharacters() {
        #expect(HTMLText.text(of: "&#0001044;") == "Д")
        #expect(HTMLText.text(of: "&#00001044;") == "&#00001044;")
    }

    @Test func leavesUnknownEntitiesAndLoneAmpersandsAlone() {
        #expect(HTMLText.text(of: "A &unknown; B & C") == "A &unknown; B & C")
    }

    @Test func dropsScriptsStylesAndTheHead() {
        let html = """
            <html><head><title>Письмо</title><style>p { color: red; }</style></head>
            <body><script>alert("1.2: 999")</script><p>1.2: 125</p></body></html>
            """
        let text = HTMLText.text(of: html)
        #expect(text.contains("1.2: 125"))
        #expect(!text.contains("999"))
        #expect(!text.contains("color"))
        #expect(!text.contains("Письмо"))
    }

    @Test func dropsOtherTagsButKeepsTheirText() {
        #expect(HTMLText.text(of: "<b>1.2</b>: <span style=\"x\">125</span>") == "1.2: 125")
    }
}

@Suite struct HTMLTextComparisonTests {
    @Test func aBareLessThanIsTextNotATag() {
        let text = HTMLText.text(of: "<p>1.3: 45 <300 / 300</p><script>if (a<b) {}</script><p>2.1: Да</p>")
        #expect(text.contains("1.3: 45 <300 / 300"))
        #expect(text.contains("2.1: Да"))
        #expect(!text.contains("if (a"))
    }
}

@Suite struct HTMLTextCombiningMarkTests {
    /// A combining mark right after '>' once made one character with it, so the tag ran on to
    /// the next '>' and swallowed the value between.
    @Test func aCombiningMarkAfterATagKeepsTheTextAfterIt() {
        #expect(HTMLText.text(of: "<p>\u{301}1.2: 125</p><b>x</b>") == "\n\u{301}1.2: 125\nx")
    }

    @Test func aTagNameGoingOnWithACyrillicLetterIsNotAKnownTag() {
        #expect(HTMLText.text(of: "1.2<brш>125") == "1.2125")
        #expect(HTMLText.text(of: "1.2<BR>125") == "1.2\n125")
    }
}
