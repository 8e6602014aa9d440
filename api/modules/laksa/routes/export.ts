import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { timeZoneOffsetHours } from '../../../../shared/indonesia';
import {
  inboxQuery,
  type ReportListItem,
  reportTypeLabels,
  statusLabels,
} from '../../../../shared/modules/laksa';
import { csvDialectQuery, csvStream } from '../../../core/export/csv';
import { loadExcel } from '../../../core/export/excel';
import { requireStaff } from '../access';
import { exportRows, inboxWhere } from '../inbox';

const tags = ['laksa'];

/** Export columns; never the reporter's identity (an export leaves the system). */
const columns: {
  header: string;
  width: number;
  value: (r: ReportListItem) => string | number;
  /** An instant: a real date cell in the workbook (local time), zoned ISO 8601 in the CSV. */
  instant?: true;
}[] = [
  { header: 'Tiket', width: 22, value: (r) => r.ticket },
  { header: 'Jenis', width: 14, value: (r) => reportTypeLabels[r.type].id },
  { header: 'Kategori', width: 24, value: (r) => r.categoryName },
  { header: 'Status', width: 20, value: (r) => statusLabels[r.status].id },
  { header: 'Deskripsi', width: 60, value: (r) => r.description },
  { header: 'Alamat', width: 30, value: (r) => r.address ?? '' },
  { header: 'Kecamatan', width: 18, value: (r) => r.kecamatanName ?? '' },
  { header: 'OPD', width: 20, value: (r) => r.opdNames.join(', ') },
  { header: 'Lintang', width: 11, value: (r) => r.lat },
  { header: 'Bujur', width: 11, value: (r) => r.lng },
  { header: 'Dukungan', width: 10, value: (r) => r.supportCount },
  { header: 'Anonim', width: 8, value: (r) => (r.anonymous ? 'ya' : 'tidak') },
  { header: 'Rahasia', width: 8, value: (r) => (r.confidential ? 'ya' : 'tidak') },
  { header: 'Terlambat', width: 10, value: (r) => (r.overdue ? 'ya' : 'tidak') },
  { header: 'Dibuat', width: 18, value: (r) => r.createdAt, instant: true },
  { header: 'Diperbarui', width: 18, value: (r) => r.updatedAt, instant: true },
];

/** CSV and XLSX export of an inbox view (same filters), up to 50,000 rows. */
export async function exportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const query = inboxQuery.omit({ cursor: true, limit: true });
  const fileName = (ext: string) => `laporan-laksa-${new Date().toISOString().slice(0, 10)}.${ext}`;

  r.get(
    '/inbox/export.csv',
    {
      config: { access: 'laksa:export' },
      schema: {
        tags,
        summary: 'Export the inbox view as CSV (UTF-8 with BOM, opens in Excel)',
        querystring: query.extend(csvDialectQuery.shape),
      },
    },
    async (req, reply) => {
      const a = requireStaff(req);
      const { dialect, ...filters } = req.query;
      inboxWhere(a, filters, req.region.timeZone); // permission errors before any byte is sent
      const rows = await req.inRegion(async (tx) => {
        const out: ReportListItem[] = [];
        for await (const row of exportRows(tx, a, { ...filters, limit: 100 }, req.region.timeZone))
          out.push(row);
        return out;
      });
      const csv = csvStream({
        header: true,
        bom: true,
        columns: columns.map((c) => c.header),
        timeZone: req.region.timeZone,
        dialect,
      });
      for (const row of rows) csv.write(columns.map((c) => c.value(row)));
      csv.end();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName('csv')}"`)
        .send(csv);
    },
  );

  r.get(
    '/inbox/export.xlsx',
    {
      config: { access: 'laksa:export' },
      schema: { tags, summary: 'Export the inbox view as an Excel workbook', querystring: query },
    },
    async (req, reply) => {
      const a = requireStaff(req);
      inboxWhere(a, req.query, req.region.timeZone);
      const rows = await req.inRegion(async (tx) => {
        const out: ReportListItem[] = [];
        for await (const row of exportRows(tx, a, { ...req.query, limit: 100 }, req.region.timeZone))
          out.push(row);
        return out;
      });
      const stream = new PassThrough();
      const ExcelJS = await loadExcel();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
      // The header row stays in view and filters; instants are real date cells in the region's local
      // time (a spreadsheet has no time zones), so they sort and format as dates.
      const sheet = workbook.addWorksheet('Laporan', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = columns.map((c) => ({
        header: c.header,
        width: c.width,
        ...(c.instant ? { style: { numFmt: 'dd/mm/yyyy hh:mm' } } : {}),
      }));
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      const offsetMs = timeZoneOffsetHours[req.region.timeZone] * 3_600_000;
      for (const row of rows)
        sheet
          .addRow(
            columns.map((c) => {
              const v = c.value(row);
              return c.instant && typeof v === 'string' ? new Date(Date.parse(v) + offsetMs) : v;
            }),
          )
          .commit();
      void workbook.commit();
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName('xlsx')}"`)
        .send(stream);
    },
  );
}
