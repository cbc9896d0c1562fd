// The member keys of flat JSON rows, laid out for word copies.

/// The keys of a row object's members, each with what precedes it: `{"first":`, `,"second":`, … stored
/// zero-padded in whole 64-bit words so a row loop copies a key with one or two word stores.
struct JSONRowKeys: Sendable {
    /// Where one key lies in ``words``.
    struct Slot: Sendable {
        /// First word of the key.
        var firstWord: Int
        /// Words the key spans (its length rounded up to 8).
        var wordCount: Int
        /// The key's length in bytes.
        var length: Int
    }

    /// Every key's bytes, little-endian, each key starting at a word.
    let words: [UInt64]
    /// One slot per column, in column order.
    let slots: [Slot]

    /// Number of columns.
    var count: Int { slots.count }

    /// Keys for the row members `columns` (escaped as ``JSONKey`` escapes them).
    init(columns: [String]) {
        var words: [UInt64] = []
        var slots: [Slot] = []
        for (f, name) in columns.enumerated() {
            let text: [UInt8] = [f == 0 ? 0x7B : 0x2C] + JSONKey(name).bytes
            let wordCount = (text.count + 7) / 8
            slots.append(Slot(firstWord: words.count, wordCount: wordCount, length: text.count))
            for w in 0 ..< wordCount {
                var word: UInt64 = 0
                for b in 0 ..< 8 where w * 8 + b < text.count { word |= UInt64(text[w * 8 + b]) << (8 * b) }
                words.append(word)
            }
        }
        self.words = words
        self.slots = slots
    }
}
