import type { AdminFrame, FormState, PageNotice } from './admin-frame';

/** One rest day of the year, as the list shows it. */
export interface HolidayRow {
  /** `yyyy-MM-dd`. */
  date: string;
  /** The day in words, in the reader's language. */
  dateText: string;
  name: string;
  /** Statutory (LFT art. 74, computed) or added by the secretariat (removable). */
  kind: 'STATUTORY' | 'ADDED';
  /** Who added it (added days). */
  createdBy?: string;
}

export type HolidayField = 'date' | 'nameEs' | 'nameEn';

/** The holidays page of one year: the list, the year switch, and (secretariat) the add form. */
export interface HolidaysPageModel {
  frame: AdminFrame;
  year: number;
  /** The neighbouring years, when within the calendar's range. */
  previousYear?: number;
  nextYear?: number;
  days: HolidayRow[];
  notice?: PageNotice;
  /** The year switch's value and error (an unusable `?year=`). */
  yearInput: string;
  yearError?: string;
  form: FormState<HolidayField>;
}
