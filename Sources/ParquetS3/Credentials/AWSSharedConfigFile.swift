import Foundation
import Parquet

/// A parsed AWS shared config or credentials file (`~/.aws/config`, `~/.aws/credentials`).
///
/// INI-like: `[section]` headers, `key = value` lines, full-line `#`/`;` comments, and nested
/// sub-sections written as a key with an empty value followed by indented `key = value` lines
/// (`s3 =\n  addressing_style = path`). Keys are matched case-insensitively.
struct AWSSharedConfigFile: Sendable {
    /// One `[section]`.
    struct Section: Sendable {
        var values: [String: String] = [:]
        var subsections: [String: [String: String]] = [:]
    }

    /// Sections by their header text as written, e.g. `default`, `profile dev`, `services local`.
    var sections: [String: Section] = [:]
    /// Where the file was read from (for messages), nil when it did not exist.
    var path: String?

    /// Parses file text.
    init(text: String, path: String? = nil) {
        self.path = path
        var current: String?
        var openSubsection: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else { current = nil; continue }
                let name = trimmed.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                    .joined(separator: " ")
                current = name
                openSubsection = nil
                if sections[name] == nil { sections[name] = Section() }
                continue
            }
            guard let section = current, let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let indented = line.first == " " || line.first == "\t"
            if indented, let sub = openSubsection {
                sections[section]!.subsections[sub, default: [:]][key] = value
                continue
            }
            if value.isEmpty {
                openSubsection = key
                sections[section]!.subsections[key] = sections[section]!.subsections[key] ?? [:]
            } else {
                openSubsection = nil
                sections[section]!.values[key] = value
            }
        }
    }

    /// Reads `path`; a missing file is an empty configuration, an unreadable one an error.
    static func load(path: String) throws -> AWSSharedConfigFile {
        guard FileManager.default.fileExists(atPath: path) else { return AWSSharedConfigFile(text: "") }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return AWSSharedConfigFile(text: String(decoding: data, as: UTF8.self), path: path)
        } catch {
            throw ParquetError(.io, "cannot read AWS configuration file \(path): \(error.localizedDescription)")
        }
    }

    /// A profile of the credentials file (`[name]`).
    func credentialsProfile(_ name: String) -> Section? {
        sections[name]
    }

    /// A profile of the config file (`[profile name]`, or `[default]` for the default profile).
    func configProfile(_ name: String) -> Section? {
        if name == "default" { return sections["default"] ?? sections["profile default"] }
        return sections["profile \(name)"]
    }

    /// A `[services name]` section of the config file.
    func services(_ name: String) -> Section? {
        sections["services \(name)"]
    }
}
