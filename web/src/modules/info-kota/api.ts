export type {
  AgendaView,
  AnnouncementView,
  ArticleCard,
  ArticleCategory,
  ArticleStatus,
  DeskArticleDetail,
  DeskArticleRow,
  DeskArticleView,
  DeskMeView,
  FeedView,
  HomeView,
  PublicArticleView,
  RevisionView,
  WallView,
} from '../../../../shared/modules/info-kota';
// From the zod-free file: this module is on the citizen home's first load.
export { articleCategories, articleStatuses } from '../../../../shared/modules/info-kota-values';
export const BASE = '/m/info-kota';
export const MODULE_PATH = '/layanan/info-kota';
