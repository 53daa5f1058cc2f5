"""The openpyxl reference for `make bench`: read a ledger in read-only mode, and write the
same number of rows in write-only mode. Prints milliseconds as JSON."""
import json
import sys
import time

import openpyxl


def read(path):
    start = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for row in wb.worksheets[0].iter_rows(values_only=True):
        cells += sum(1 for v in row if v is not None)
    wb.close()
    return (time.perf_counter() - start) * 1000, cells


def write(rows, path):
    start = time.perf_counter()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("项目台账")
    ws.append(["重点项目台账"])
    ws.append(["导出时间:2026-11-23    单位:万元"])
    ws.append(["序号", "项目代码", "项目名称", "项目级别", "攻坚星级", "建设性质", "项目类别", "所属行业", "标签",
               "建设单位", "责任单位", "配合单位", "分包领导", "联系人", "联系电话", "建设地点", "经度", "纬度",
               "建设内容及规模", "总投资", "中央预算内", "专项债", "地方财政", "银行贷款", "企业自筹", "其他",
               "计划开工", "计划竣工", "项目阶段", "实际开工", "实际竣工", "是否入库", "入库时间", "统计代码", "备注"])
    for i in range(rows):
        ws.append([i + 1, "2024-410104-46-01-%06d" % (100000 + i), "云河区第%d号重点项目建设工程" % i, "区重点", 0,
                   "新建", "基础设施", "市政公用", "政府投资、专项债", "云河城市建设投资集团有限公司",
                   "云河区住房和城乡建设局", "", "", "", "", "云河区南曹片区", 113.71, 34.72,
                   "新建道路、管网及配套设施,总建筑面积约12万平方米", 45000.0 + i / 1e6, None, 20000.0, 5000.0,
                   None, None, None, "2024-03", "2026-12", "在建", "", "", "是", "", "", ""])
    wb.save(path)
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    ledger, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    best_read, cells = min(read(ledger) for _ in range(3))
    best_write = min(write(rows, out) for _ in range(3))
    print(json.dumps({"read_ms": best_read, "cells": cells, "write_ms": best_write, "rows": rows}))
