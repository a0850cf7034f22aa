import type { Found } from '../types.js';

/**
 * A statistic over a period or an area ("667 security force personnel killed in 2025"), read from one sentence.
 * Fields are empty strings when the text does not say them.
 */
export interface AggregateMention extends Found {
  /** Who publishes the statistic ("PICSS", "South Asia Terrorism Portal"). */
  readonly source: string;
  /** The period it covers, as written ("2025", "during the year"). */
  readonly period: string;
  /** The area it covers, as written ("Balochistan"). */
  readonly area: string;
  /** What is counted: metric and category ("killed security_forces"), "change in …" for rates. */
  readonly metric: string;
  /** The figure as written, normalised: "667", "1000", "24%". */
  readonly value: string;
}
