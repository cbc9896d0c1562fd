import Foundation
import Parquet

/// Output file names: defaults, validation and collision handling.
public enum OutputNaming {
    /// `<stem>_<yyyyMMdd_HHmmss>.<ext>` for a source path or key, at `date` (UTC).
    public static func defaultName(source: String, fileExtension: String, date: Date = Date()) -> String {
        let last = source.split(separator: "/").last.map(String.init) ?? "export"
        var stem = last
        if let dot = last.lastIndex(of: "."), dot != last.startIndex { stem = String(last[..<dot]) }
        if stem.isEmpty { stem = "export" }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let stamp = String(format: "%04d%02d%02d_%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        return "\(stem)_\(stamp).\(fileExtension)"
    }

    /// Checks a user-given name and adds the extension when it is missing. Names with a path separator,
    /// `..`, control characters, or empty names are refused.
    public static func validated(_ name: String, fileExtension: String) throws -> String {
        guard !name.isEmpty, name != ".", !name.contains("/"), !name.contains("\\"), !name.contains(".."),
              !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ParquetError(.invalidArgument, "file name '\(name.unicodeScalars.map { $0.value < 0x20 ? "?" : String($0) }.joined())' is not allowed (no path separators, '..' or control characters)")
        }
        return name.lowercased().hasSuffix("." + fileExtension.lowercased()) ? name : "\(name).\(fileExtension)"
    }

    /// `name` if free in `directory`, else `stem_1.ext`, `stem_2.ext`, … (unless `overwrite`).
    public static func available(_ name: String, in directory: String, fileExtension: String, overwrite: Bool) -> String {
        let fm = FileManager.default
        if overwrite || !fm.fileExists(atPath: (directory as NSString).appendingPathComponent(name)) { return name }
        let stem = String(name.dropLast(fileExtension.count + 1))
        var i = 1
        while fm.fileExists(atPath: (directory as NSString).appendingPathComponent("\(stem)_\(i).\(fileExtension)")) { i += 1 }
        return "\(stem)_\(i).\(fileExtension)"
    }
}
