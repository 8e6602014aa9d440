import { sql } from 'drizzle-orm';
import { infoKotaSettings } from '../../../shared/modules/info-kota';
import { defineModule } from '../../core/modules/types';
import { announceDue } from './announcements';
import { articleFileAccess, publishDue } from './articles';
import { DEMO_EDITOR, DEMO_WRITER, seedInfoKotaDemo } from './demo';
import { articlePageMeta } from './public';
import { infoKotaRoutes } from './routes';
import { infoKotaTables } from './schema';

/** Info Kota: the city's news, announcements and agenda, with an editorial desk (see README.md). */
export const infoKota = defineModule({
  id: 'info-kota',
  name: { id: 'Info Kota', en: 'City News' },
  description: {
    id: 'Berita, pengumuman dan agenda kota: meja redaksi untuk Diskominfo dan setiap OPD, notifikasi ke warga.',
    en: 'City news, announcements and agenda: an editorial desk for Diskominfo and every OPD, notifications to citizens.',
  },
  icon: 'newspaper',
  citizen: true,
  dependsOn: [],
  permissions: {
    'info-kota:write': {
      id: 'Menulis berita dan agenda OPD sendiri, mengajukan untuk ditinjau',
      en: 'Write news and events for one’s own OPD, send them for review',
    },
    'info-kota:publish': {
      id: 'Meninjau, menjadwalkan, menerbitkan dan mengarsipkan berita; menerbitkan pengumuman (redaksi)',
      en: 'Review, schedule, publish and archive news; publish announcements (editors)',
    },
  },
  // Editors: region admins, and OPD admins of the editorial OPD (Diskominfo, a setting) — the
  // publish routes check the OPD (desk.ts). Every OPD admin and officer may write.
  roleGrants: {
    region_admin: ['info-kota:write', 'info-kota:publish'],
    opd_admin: ['info-kota:write', 'info-kota:publish'],
    opd_officer: ['info-kota:write'],
  },
  settings: infoKotaSettings,
  enabledByDefault: true,
  routes: infoKotaRoutes,
  events: {
    emits: [
      'info-kota.article.created',
      'info-kota.article.edited',
      'info-kota.article.submitted',
      'info-kota.article.returned',
      'info-kota.article.scheduled',
      'info-kota.article.published',
      'info-kota.article.archived',
      'info-kota.announcement.created',
      'info-kota.announcement.updated',
      'info-kota.announcement.withdrawn',
      'info-kota.event.created',
      'info-kota.event.updated',
      'info-kota.event.deleted',
    ],
  },
  tasks: [
    {
      // Scheduled articles go out, and announcements whose validity began are sent to their followers.
      name: 'publish-due',
      everyMs: 30_000,
      hasWork: sql`select r.id as region_id from region r where exists (
          select 1 from info_kota_article a where a.region_id = r.id
            and a.status = 'scheduled' and a.publish_at <= now())
        or exists (select 1 from info_kota_announcement a where a.region_id = r.id
            and a.notified_at is null and a.withdrawn_at is null
            and a.valid_from <= now() and a.valid_until > now())`,
      run: async ({ tx, regionId }) => {
        await publishDue(tx, regionId);
        await announceDue(tx, regionId);
      },
    },
  ],
  notifications: {
    topics: [
      { id: 'info-kota.news', label: { id: 'Berita', en: 'News' }, personal: false, defaultOn: true },
      {
        id: 'info-kota.announcements',
        label: { id: 'Pengumuman di wilayah saya', en: 'Announcements for my area' },
        personal: false,
        defaultOn: true,
        byArea: true,
      },
    ],
  },
  files: {
    canRead: ({ req, tx, file }) => articleFileAccess(tx, file.id, req.permissions.has('info-kota:write')),
  },
  // Share links of articles show their title, summary and cover (the page's HTML carries them).
  pageMeta: ({ tx, path, origin, basePath, regionName }) =>
    articlePageMeta(tx, path, { origin, basePath, regionName, logoUrl: null }),
  tables: infoKotaTables,
  liveChannels: ['info-kota.article.published', 'info-kota.announcement.created'],
  seedDemo: seedInfoKotaDemo,
  demoLogins: [
    { role: 'opd_admin', label: 'Redaktur Diskominfo (Info Kota)', login: DEMO_EDITOR },
    { role: 'opd_officer', label: 'Penulis OPD Dishub (Info Kota)', login: DEMO_WRITER },
  ],
});
