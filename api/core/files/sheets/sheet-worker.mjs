// Parses a spreadsheet (XLSX or CSV) into rows of strings, in a worker thread: ExcelJS and
// csv-parse are synchronous JavaScript that would otherwise hold the event loop (and /healthz)
// for seconds on a large import. Plain JavaScript so it runs under tsx, vitest and node alike.
import { parentPort } from 'node:worker_threads';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

function cellText(v) {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if (v.result !== undefined) return cellText(v.result);
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
  }
  return String(v).trim();
}

async function readXlsx(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.worksheets[0];
  if (!ws) return null;
  const out = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = row.values.slice(1).map(cellText);
  });
  return Array.from(out, (r) => (r ? Array.from(r, (c) => c ?? '') : []));
}

function readCsv(bytes) {
  return parse(bytes, {
    bom: true,
    delimiter: [',', ';'],
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
  });
}

parentPort.on('message', async ({ id, kind, bytes }) => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const rows = kind === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer);
    parentPort.postMessage({ id, ok: true, rows });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: String(err?.message ?? err) });
  }
});
