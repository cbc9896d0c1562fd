import Foundation

/// A flag set from any thread (task cancellation) and polled by a curl transfer.
final class CancellationFlag: @unchecked Sendable {
    // `value` is only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
