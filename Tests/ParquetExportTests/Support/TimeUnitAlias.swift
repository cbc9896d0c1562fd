import ParquetExport

/// The tests of this module mean the renderers' unit when they say `TimeUnit` (Parquet has its own).
typealias TimeUnit = ParquetExport.TimeUnit
