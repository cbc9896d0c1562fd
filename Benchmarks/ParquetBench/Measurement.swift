#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of a workload did, for the throughput figures.
struct RunOutput: Sendable {
    /// Rows produced (decoded, written or exported); 0 when rows are not meaningful (open).
    var rows: Int = 0
    /// Bytes read from the input: compressed column chunk bytes for decode, the file size for open.
    var inputBytes: Int64 = 0
    /// Bytes produced: decoded buffers in memory (values, offsets, levels), or the size of a written file.
    var outputBytes: Int64 = 0
}

/// Timings of the measured runs of a workload plus the process's peak memory.
struct Measurement: Sendable {
    var wallSeconds: [Double]
    var cpuSeconds: [Double]
    var output: RunOutput
    /// Peak resident set of the whole process (getrusage `ru_maxrss`), in bytes.
    var peakRSSBytes: Int64

    var median: Double { Self.median(wallSeconds) }
    var medianCPU: Double { Self.median(cpuSeconds) }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

#if canImport(Glibc)
/// `RUSAGE_SELF` (Glibc imports it as an enum case, Darwin as an Int32).
private let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
private let rusageSelf = RUSAGE_SELF
#endif

/// Monotonic wall clock, process CPU time and peak RSS.
enum ProcessClock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// User + system CPU seconds consumed by the process so far (all threads).
    static func cpu() -> Double {
        var u = rusage()
        getrusage(rusageSelf, &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6
            + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6
    }

    /// Peak resident set size in bytes: `VmHWM` of /proc/self/status where it exists, else getrusage
    /// `ru_maxrss` (KiB on Linux, bytes on Darwin). Linux carries `ru_maxrss` over from the parent
    /// across fork + exec, so a large parent (a Python driver) would inflate it; `VmHWM` starts afresh.
    static func peakRSS() -> Int64 {
        if let hwm = statusKiB("VmHWM:") { return hwm * 1024 }
        var u = rusage()
        getrusage(rusageSelf, &u)
        #if canImport(Darwin)
        return Int64(u.ru_maxrss)
        #else
        return Int64(u.ru_maxrss) * 1024
        #endif
    }

    /// A "Name:  123 kB" field of /proc/self/status, in KiB.
    private static func statusKiB(_ field: String) -> Int64? {
        guard let f = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), f) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix(field) {
                return Int64(text.dropFirst(field.count).filter(\.isNumber))
            }
        }
        return nil
    }
}

/// Runs `body` `warmup` times unmeasured, then `runs` times measured.
func measure(runs: Int, warmup: Int, _ body: () async throws -> RunOutput) async throws -> Measurement {
    var last = RunOutput()
    for _ in 0 ..< warmup { last = try await body() }
    var wall: [Double] = []
    var cpu: [Double] = []
    for _ in 0 ..< runs {
        let c0 = ProcessClock.cpu(), t0 = ProcessClock.now()
        last = try await body()
        let t1 = ProcessClock.now(), c1 = ProcessClock.cpu()
        wall.append(t1 - t0)
        cpu.append(c1 - c0)
    }
    return Measurement(wallSeconds: wall, cpuSeconds: cpu, output: last, peakRSSBytes: ProcessClock.peakRSS())
}
