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

    /// Checks a user-given name and adds the extension when it is missing. Names with a path separator
    /// (so absolute paths too), `..`, control characters, or empty names are refused.
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
        var i = 1
        while fm.fileExists(atPath: (directory as NSString).appendingPathComponent(numbered(name, i, fileExtension: fileExtension))) { i += 1 }
        return numbered(name, i, fileExtension: fileExtension)
    }

    /// `stem_<number>.ext` for `stem.ext` (the number goes before `fileExtension` when the name ends
    /// with it, else at the end).
    public static func numbered(_ name: String, _ number: Int, fileExtension: String) -> String {
        let suffix = "." + fileExtension
        guard !fileExtension.isEmpty, name.lowercased().hasSuffix(suffix.lowercased()), name.count > suffix.count else {
            return "\(name)_\(number)"
        }
        return "\(name.dropLast(suffix.count))_\(number)\(name.suffix(suffix.count))"
    }

    /// `<name>.schema.json` for an export named `<name>.csv[.gz|.zst]` or `<name>.ndjson…` (a path or key
    /// keeps its directory part).
    public static func sidecarName(for path: String) -> String {
        var p = path
        for ext in [".gz", ".zst", ".csv", ".ndjson", ".json"] where p.hasSuffix(ext) { p = String(p.dropLast(ext.count)) }
        return p + ".schema.json"
    }

    /// Refuses an output path that exists as a symbolic link (writing through it could leave the
    /// output directory), or as anything but a regular file.
    public static func checkNotLink(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            throw ParquetError(.invalidArgument, "output \(path) is a symbolic link; refusing to write through it")
        }
        if (st.st_mode & S_IFMT) != S_IFREG {
            throw ParquetError(.invalidArgument, "output \(path) exists and is not a regular file")
        }
    }
}
