import Parquet
import Testing

/// The `ParquetError` a call fails with; records an issue when it succeeds or throws something else.
func failure(_ body: () async throws -> Void) async -> ParquetError? {
    do {
        try await body()
        Issue.record("expected an error")
        return nil
    } catch let error as ParquetError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}
