print("parquet-bench")
