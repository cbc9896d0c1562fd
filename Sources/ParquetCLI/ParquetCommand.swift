import ArgumentParser
import Foundation
import Parquet

@main
struct ParquetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Inspect, print and export Apache Parquet files.",
        subcommands: [SchemaCommand.self, MetaCommand.self, CatCommand.self, ExportCommand.self, RewriteCommand.self]
    )
}

/// Prints an error as one line on stderr and exits non-zero.
func fail(_ error: any Error) -> Never {
    let message = (error as? ParquetError)?.description ?? "\(error)"
    FileHandle.standardError.write(Data("parquet: \(message)\n".utf8))
    exit(1)
}

struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print the schema tree.")
    @Argument(help: "A Parquet file (local path or s3://bucket/key).") var file: String
    @OptionGroup var input: InputOptions

    func run() async throws {
        do {
            let f = try await input.open(file)
            print(f.schema.treeDescription, terminator: "")
        } catch { fail(error) }
    }
}
