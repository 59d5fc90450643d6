import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ReportingCycleState } from '../domain/request-types';

/** The cycle workflow's own view: how many requests it has started, whether it has closed. */
export const cycleStatusQuery = defineQuery<ReportingCycleState>('status');
/** Sent by a request workflow when it ends, so the cycle re-checks its progress without waiting. */
export const requestEndedSignal = defineSignal<[{ institutionCode: string }]>('requestEnded');
