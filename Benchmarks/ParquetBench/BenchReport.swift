import Foundation

/// The figures of one measured workload, as a readable table or one JSON object.
struct BenchReport: Codable {
    var tool = "swift-parquet"
    var workload: String
    var file: String
    var threads: Int
    var runs: Int
    var medianSeconds: Double
    var minSeconds: Double
    var maxSeconds: Double
    var medianCPUSeconds: Double
    var wallSeconds: [Double]
    var cpuSeconds: [Double]
    var rows: Int
    var rowsPerSecond: Double
    var inputBytes: Int64
    var inputMBPerSecond: Double
    var outputBytes: Int64
    var outputMBPerSecond: Double
    var peakRSSBytes: Int64
    var cores: Int
    var cpuModel: String

    init(workload: String, file: String, threads: Int, measurement m: Measurement) {
        self.workload = workload
        self.file = file
        self.threads = threads
        runs = m.wallSeconds.count
        medianSeconds = m.median
        minSeconds = m.wallSeconds.min() ?? .nan
        maxSeconds = m.wallSeconds.max() ?? .nan
        medianCPUSeconds = m.medianCPU
        wallSeconds = m.wallSeconds
        cpuSeconds = m.cpuSeconds
        rows = m.output.rows
        rowsPerSecond = Double(m.output.rows) / m.median
        inputBytes = m.output.inputBytes
        inputMBPerSecond = Double(m.output.inputBytes) / 1e6 / m.median
        outputBytes = m.output.outputBytes
        outputMBPerSecond = Double(m.output.outputBytes) / 1e6 / m.median
        peakRSSBytes = m.peakRSSBytes
        cores = Self.coreCount
        cpuModel = Self.cpuModel
    }

    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The first "model name" of /proc/cpuinfo ("unknown" elsewhere).
    static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(self), let s = String(data: data, encoding: .utf8) else { return "{}" }
        return s
    }

    var table: String {
        func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
        let rowsLine = rows > 0 ? "\(rows) rows, \(f(rowsPerSecond / 1e6, 2)) M rows/s" : "-"
        let lines: [(String, String)] = [
            ("workload", "\(workload) (\(threads) thread\(threads == 1 ? "" : "s"))"),
            ("file", file),
            ("median", "\(f(medianSeconds * 1000, 1)) ms (min \(f(minSeconds * 1000, 1)), max \(f(maxSeconds * 1000, 1)), \(runs) runs)"),
            ("cpu", "\(f(medianCPUSeconds * 1000, 1)) ms"),
            ("rows", rowsLine),
            ("input", "\(f(Double(inputBytes) / 1e6, 1)) MB, \(f(inputMBPerSecond, 1)) MB/s"),
            ("output", "\(f(Double(outputBytes) / 1e6, 1)) MB, \(f(outputMBPerSecond, 1)) MB/s"),
            ("peak RSS", "\(f(Double(peakRSSBytes) / 1e6, 1)) MB"),
            ("machine", "\(cores) cores, \(cpuModel)"),
        ]
        return lines.map { $0.0.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
    }
}
