// A project ledger (项目台账) laid out as the district's units send theirs, for import tests:
//   row 1     the title, merged across A:J
//   row 2     "单位:万元" in J2
//   rows 3-4  a two-row header: 资金来源 merged over F3:G3 with 专项债 / 企业自筹 below it,
//             every other header merged down over its two rows
//   row 5…    the caller's rows, in order; a row of one value (a group heading such as
//             "一、区重点项目") is merged across A:J, any other row is written as it is
//             (a 合计 row is just a row whose first value is '合计')
import ExcelJS from 'exceljs';

const LEDGER_HEADER = ['序号', '项目名称', '建设单位', '责任单位', '总投资', '资金来源', '', '计划开工时间', '建设性质', '建设内容及规模'];
const LEDGER_SUBHEADER = ['', '', '', '', '', '专项债', '企业自筹', '', '', ''];
const LEDGER_FIRST_ROW = 5;

// A group heading as tuijin's export writes it in column A: "一、省重点项目(17个)" →
// [, serial, name, count].
export const LEDGER_HEADING = /^([一二三四五六七八九十]|\d+)、(.+)\((\d+)个\)$/;

// The .xlsx bytes. `edit(worksheet)`, if given, runs last (e.g. to give a cell a number format).
export async function ledgerXlsx({ sheetName, title, rows, edit }) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.mergeCells('A1:J1');
  ws.getCell('A1').value = title;
  ws.getCell('J2').value = '单位:万元';
  ws.getRow(3).values = LEDGER_HEADER;
  ws.getRow(4).values = LEDGER_SUBHEADER;
  for (const col of ['A', 'B', 'C', 'D', 'E', 'H', 'I', 'J']) ws.mergeCells(`${col}3:${col}4`);
  ws.mergeCells('F3:G3');
  let r = LEDGER_FIRST_ROW;
  for (const values of rows) {
    ws.getRow(r).values = values;
    if (values.length === 1) ws.mergeCells(`A${r}:J${r}`);
    r++;
  }
  if (edit) edit(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
