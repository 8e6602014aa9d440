import type ExcelJSModule from 'exceljs';

/**
 * exceljs, loaded on the first XLSX export instead of at start-up: it is the heaviest import of
 * the server (≈ 0.3 s of every start) and only a few staff downloads need it.
 */
let excel: Promise<typeof ExcelJSModule> | undefined;
export function loadExcel(): Promise<typeof ExcelJSModule> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One sheet with a bold, frozen header row: the XLSX twin of a CSV export. */
export async function xlsxSheet(
  sheetName: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: Math.max(12, c.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
