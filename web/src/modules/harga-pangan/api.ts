import type { z } from 'zod';
import type {
  ChartView,
  CommodityView,
  ComparisonView,
  ImportView,
  MarketView,
  PriceRowView,
  publicMarketView,
  SheetView,
  TodayItem,
  TodayView,
} from '../../../../shared/modules/harga-pangan';

export type {
  ChartView,
  CommodityView,
  ComparisonView,
  ImportView,
  MarketView,
  PriceRowView,
  SheetView,
  TodayItem,
  TodayView,
};
export type PublicMarket = z.infer<typeof publicMarketView>;
export const BASE = '/m/harga-pangan';
