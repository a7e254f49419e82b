# The reference rewrite with pyarrow: read each file, drop the rows whose customer_id is a subject, write it again
# (Snappy), on one thread. Prints one line: "<input bytes> <CPU seconds> <rows removed>" (CPU time, as the C# side
# measures its own rewrite). Arguments: ids file, output folder, inputs...
import sys, time, os
import pyarrow as pa, pyarrow.compute as pc, pyarrow.parquet as pq

ids = pa.array(open(sys.argv[1]).read().split())
out, inputs = sys.argv[2], sys.argv[3:]
size = sum(os.path.getsize(f) for f in inputs)
removed = 0
start = time.process_time()
for i, f in enumerate(inputs):
    table = pq.read_table(f, use_threads=False)
    mask = pc.is_in(table["customer_id"], value_set=ids)
    removed += pc.sum(mask).as_py() or 0
    pq.write_table(table.filter(pc.invert(mask)), os.path.join(out, f"{i}.parquet"), compression="snappy")
print(size, time.process_time() - start, removed)
