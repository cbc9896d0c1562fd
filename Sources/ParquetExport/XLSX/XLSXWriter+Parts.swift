// The fixed and generated XML parts of the workbook package (everything except the sheet data).

extension XLSXWriter {
    /// Cell style indices in `styles.xml` (`cellXfs`).
    enum Style {
        static let bold = 1
        static let date = 2
        static let dateTime = 3
        static let time = 4
    }

    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let rootRelationships = xmlDeclaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static let styles = xmlDeclaration + """
        <styleSheet xmlns="\(mainNamespace)">\
        <numFmts count="3">\
        <numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>\
        <numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss.000"/>\
        <numFmt numFmtId="166" formatCode="hh:mm:ss.000"/>\
        </numFmts>\
        <fonts count="2">\
        <font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        </fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    static let sheetStart = xmlDeclaration + "<worksheet xmlns=\"\(mainNamespace)\"><sheetData>"
    static let sheetEnd = "</sheetData></worksheet>"

    /// `xl/workbook.xml` listing the sheets in order.
    static func workbook(sheetNames: [String]) -> String {
        var xml = xmlDeclaration + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (i, name) in sheetNames.enumerated() {
            xml += "<sheet name=\"\(escapeAttribute(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    /// `xl/_rels/workbook.xml.rels`: the sheets, then the styles.
    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = xmlDeclaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in 1 ... sheetCount {
            xml += "<Relationship Id=\"rId\(i)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }

    /// `[Content_Types].xml`.
    static func contentTypes(sheetCount: Int) -> String {
        var xml = xmlDeclaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for i in 1 ... sheetCount {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    static func escapeAttribute(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Column letters: 0 → A, 25 → Z, 26 → AA, 16383 → XFD.
    static func columnName(_ index: Int) -> [UInt8] {
        var letters: [UInt8] = []
        var n = index + 1
        while n > 0 {
            n -= 1
            letters.insert(UInt8(0x41 + n % 26), at: 0)
            n /= 26
        }
        return letters
    }

    /// Checks a sheet name the way Excel does.
    static func isValidSheetName(_ name: String) -> Bool {
        let forbidden: Set<Character> = [":", "\\", "/", "?", "*", "[", "]"]
        return !name.isEmpty && name.utf16.count <= 31 && !name.contains(where: { forbidden.contains($0) })
            && !name.hasPrefix("'") && !name.hasSuffix("'")
            && !name.unicodeScalars.contains(where: { $0.value < 0x20 })
    }
}
