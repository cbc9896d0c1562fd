// Appending decoded values without zero-filling their slots first.
//
// `append(contentsOf: repeatElement(0, count: n))` followed by writes through a pointer touches every new
// byte twice. A decoded row group is hundreds of megabytes, so the zero fill costs a whole extra pass
// over memory. `Array.append(contentsOf:)` hands the new, uninitialized storage to the sequence's
// `_copyContents(initializing:)`; the sequence below lets the decoder write its values there directly.

extension Array where Element: BitwiseCopyable {
    /// Appends up to `count` elements written by `fill` straight into the array's new storage. `fill`
    /// gets exactly `count` uninitialized slots and returns how many it wrote, from the front (0...count);
    /// the rest are dropped. When `fill` throws, nothing is appended.
    @inline(__always)
    mutating func appendUninitialized<E: Error>(
        _ count: Int, _ fill: (UnsafeMutableBufferPointer<Element>) throws(E) -> Int
    ) throws(E) -> Int {
        guard count > 0 else { return 0 }
        var outcome: Result<Int, E> = .success(0)
        withoutActuallyEscaping({ (slots: UnsafeMutableBufferPointer<Element>) in
            do throws(E) { outcome = .success(try fill(slots)) } catch { outcome = .failure(error) }
        }) { write in
            append(contentsOf: UninitializedSlots(count: count, write: write))
        }
        // The slots hold trivial values, so dropping unwritten ones needs no deinitialization.
        switch outcome {
        case .success(let written):
            precondition(written >= 0 && written <= count, "wrote \(written) of \(count) slots")
            if written < count { removeLast(count - written) }
            return written
        case .failure(let error):
            removeLast(count)
            throw error
        }
    }
}

/// `count` slots that `Array.append(contentsOf:)` lets `write` fill in place (see the file comment).
struct UninitializedSlots<Element: BitwiseCopyable>: Sequence {
    let count: Int
    let write: (UnsafeMutableBufferPointer<Element>) -> Void

    var underestimatedCount: Int { count }

    func makeIterator() -> EmptyCollection<Element>.Iterator { EmptyCollection<Element>.Iterator() }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Element>) -> (EmptyCollection<Element>.Iterator, Int) {
        // append(contentsOf:) reserved at least underestimatedCount slots.
        precondition(buffer.count >= count, "room for \(buffer.count) of \(count) slots")
        write(UnsafeMutableBufferPointer(rebasing: buffer[0 ..< count]))
        return (makeIterator(), count)
    }
}
