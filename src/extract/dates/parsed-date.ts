import type { PeriodAnchor } from '../../lexicon/date-lexicon.js';

/**
 * What a rule read from the text, before it is placed on the calendar. A year of null means the text gave
 * none, so it is inferred from the publication date.
 */
export type ParsedDate =
  | {
      readonly type: 'calendar';
      readonly year: number | null;
      readonly startMonth: number;
      readonly startDay: number;
      readonly endMonth: number;
      readonly endDay: number;
    }
  | { readonly type: 'month'; readonly year: number | null; readonly month: number }
  | { readonly type: 'year'; readonly year: number }
  | { readonly type: 'weekday'; readonly weekday: number; readonly strictlyBefore: boolean }
  | { readonly type: 'ago'; readonly count: number; readonly unit: 'day' | 'week' | 'month' | 'year' }
  | { readonly type: 'period'; readonly anchor: PeriodAnchor; readonly offset: number };
