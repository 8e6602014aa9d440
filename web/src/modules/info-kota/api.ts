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
export { articleCategories, articleStatuses } from '../../../../shared/modules/info-kota';
export const BASE = '/m/info-kota';
export const MODULE_PATH = '/layanan/info-kota';
