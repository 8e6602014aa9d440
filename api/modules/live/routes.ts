import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { timeZones } from '../../../shared/indonesia';
import { liveSettings, platformUsageView, regionUsageView, usageQuery } from '../../../shared/usage';
import { asPlatform } from '../../core/db/scope';
import { type CsvDialect, csvDialectQuery, csvText } from '../../core/export/csv';
import { period, platformUsage, platformUsageCsv, regionUsage, regionUsageCsv, usageRows } from './usage';

/** Today's date in the region's zone (Indonesia keeps no DST, Intl knows the zones). */
const localToday = (tz: keyof typeof timeZones) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timeZones[tz] }).format(new Date());

const sendCsv = (req: FastifyRequest, reply: FastifyReply, name: string, rows: string[][]) =>
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(
      csvText(rows, {
        bom: true,
        timeZone: req.region.timeZone,
        dialect: (req.query as { dialect?: CsvDialect }).dialect,
      }),
    );

/** Usage analytics of the region (region admins, leadership) and of the platform (platform admins). */
export async function liveRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { directory, database } = app.simpul;

  const regionView = async (req: FastifyRequest, days: number) => {
    // Switches and settings first: moduleStates must not run inside a transaction.
    const states = await directory.moduleStates(req.region.id);
    const threshold = liveSettings.parse(states.get('live')?.settings ?? {}).underUsedBelow;
    const enabled = new Map([...states].map(([id, s]) => [id, s.enabled]));
    const span = period(localToday(req.region.timeZone), days);
    const rows = await req.inRegion((tx) => usageRows(tx, span[0]!, span.at(-1)!));
    return regionUsage(rows, span, enabled, threshold);
  };

  const usageSchema = {
    tags: ['live'],
    querystring: usageQuery,
  };
  r.get(
    '/usage',
    {
      config: { access: 'live:usage.read' },
      schema: {
        ...usageSchema,
        summary: 'Usage per module and local day (opens, key actions), with under-used modules flagged',
        response: { 200: regionUsageView },
      },
    },
    (req) => regionView(req, req.query.days),
  );
  r.get(
    '/usage.csv',
    {
      config: { access: 'live:usage.read' },
      schema: {
        ...usageSchema,
        querystring: usageQuery.extend(csvDialectQuery.shape),
        summary: 'The same usage as CSV (one row per module and day)',
      },
    },
    async (req, reply) =>
      sendCsv(
        req,
        reply,
        `penggunaan-${req.region.slug}.csv`,
        regionUsageCsv(await regionView(req, req.query.days)),
      ),
  );

  const platformView = async (req: FastifyRequest, days: number) => {
    const actor = req.actor();
    // Periods end on the platform's (WIB) today: regions east of it are at most two hours ahead.
    const span = period(localToday('WIB'), days);
    return asPlatform(
      database,
      {
        actor: `${actor.name} (${actor.id})`,
        action: 'platform.usage.read',
        reason: 'platform usage analytics',
        regionId: req.region.id,
      },
      async (tx) => {
        const regions = (
          (await tx.execute(sql`select r.id, r.code, r.name,
            coalesce((select array_agg(m.module_id order by m.module_id) from region_module m
              where m.region_id = r.id and m.enabled), '{}') as enabled
            from region r order by r.code`)) as unknown as {
            rows: { id: string; code: string; name: string; enabled: string[] }[];
          }
        ).rows;
        const rows = await usageRows(tx, span[0]!, span.at(-1)!);
        return platformUsage(regions, rows, span[0]!, span.at(-1)!);
      },
    );
  };
  r.get(
    '/platform/usage',
    {
      config: { access: 'core:platform.manage' },
      schema: {
        ...usageSchema,
        summary: 'Every region: which modules it adopted and how much each is used (platform admins)',
        response: { 200: platformUsageView },
      },
    },
    (req) => platformView(req, req.query.days),
  );
  r.get(
    '/platform/usage.csv',
    {
      config: { access: 'core:platform.manage' },
      schema: {
        ...usageSchema,
        querystring: usageQuery.extend(csvDialectQuery.shape),
        summary: 'The same platform usage as CSV (one row per region and module)',
      },
    },
    async (req, reply) =>
      sendCsv(
        req,
        reply,
        'penggunaan-platform.csv',
        platformUsageCsv(await platformView(req, req.query.days)),
      ),
  );
}
