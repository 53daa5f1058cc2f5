"""The openpyxl reference for the month ledger: the rows of our ledger's first sheet (read
untimed), written again in openpyxl's write-only mode, best of three. Prints JSON."""
import json
import sys
import time

import openpyxl


def rows_of(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    return rows


def write(rows, path):
    start = time.perf_counter()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("重点项目推进台账")
    for r in rows:
        ws.append(r)
    wb.save(path)
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    ledger, out = sys.argv[1], sys.argv[2]
    rows = rows_of(ledger)
    print(json.dumps({"rows": len(rows), "write_ms": min(write(rows, out) for _ in range(3))}))
