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
