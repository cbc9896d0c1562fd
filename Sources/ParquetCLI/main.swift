print("parquet")
