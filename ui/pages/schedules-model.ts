import type { AdminFrame, PageNotice } from './admin-frame';

/** One schedule as the page shows it (api/queries/schedule-list gives it). */
export interface ScheduleRow {
  id: string;
  kind: string;
  specText: string;
  paused: boolean;
  note: string | null;
  nextRuns: { at: string; local: string }[];
  recentActions: { scheduledAt: string; local: string; workflowId: string }[];
}

/** The schedules page: the schedules, the notices (no adoption date), and the forms' errors in place. */
export interface SchedulesPageModel {
  frame: AdminFrame;
  schedules: ScheduleRow[];
  /** Why a schedule is missing (a plan version without an adoption date…), in words. */
  notices: string[];
  notice?: PageNotice;
  /** A refused form: which schedule's note, or the backfill's year, with the value sent and the error. */
  error?: { field: 'note' | 'year'; scheduleId?: string; value: string; message: string };
}
