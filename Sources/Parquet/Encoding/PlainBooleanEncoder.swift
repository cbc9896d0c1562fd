// PLAIN BOOLEAN encoding, writer side: one bit per value, least significant bit first.

/// Streaming PLAIN boolean encoder (keeps the partial byte between `append` calls).
struct PlainBooleanEncoder {
    private var output: [UInt8] = []
    private var pending: UInt8 = 0
    private var pendingBits = 0

    init() {}

    /// Appends booleans.
    mutating func append(_ values: UnsafeBufferPointer<Bool>) {
        output.reserveCapacity(output.count + values.count / 8 + 1)
        for value in values {
            if value { pending |= 1 << UInt8(pendingBits) }
            pendingBits += 1
            if pendingBits == 8 {
                output.append(pending)
                pending = 0
                pendingBits = 0
            }
        }
    }

    /// Returns the encoded bytes (last byte zero-padded); the encoder is then empty and reusable.
    mutating func finish() -> [UInt8] {
        if pendingBits > 0 { output.append(pending) }
        let result = output
        output = []
        pending = 0
        pendingBits = 0
        return result
    }
}
