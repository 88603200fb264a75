"""One PySpark local-mode job: a pandas_udf running arabnorm's search preset.

Run by hand (PySpark is not a dependency of arabnorm or of its tests):

    PYSPARK_PYTHON=VENV/bin/python VENV/bin/python examples/spark_job.py corpus.txt

It normalizes every line of the text file with a pandas_udf on a local[2]
Spark and checks the rows against Pipeline.apply line by line.
"""

import sys

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import pandas_udf
from pyspark.sql.types import StringType

import arabnorm

pipeline = arabnorm.Pipeline.from_preset("search")


@pandas_udf(StringType())
def normalize_ar(texts: pd.Series) -> pd.Series:
    return pipeline.map_batch(texts)


spark = (
    SparkSession.builder.master("local[2]")
    .appName("arabnorm")
    .config("spark.sql.files.maxPartitionBytes", 4 << 20)  # several partitions, in file order
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
df = spark.read.text(sys.argv[1]).withColumnRenamed("value", "text")
out = df.select(normalize_ar("text").alias("text"))
got = [r.text for r in out.collect()]
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    lines = [line.rstrip("\r\n") for line in f]
same = got == [pipeline.apply(t) for t in lines]
print(
    f"partitions {df.rdd.getNumPartitions()}, rows {len(got)} of {len(lines)} lines, "
    f"identical to Pipeline.apply line by line: {same}"
)
print("first row:", got[0][:60])
spark.stop()
