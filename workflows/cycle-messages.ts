import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CloseRequestCommand, ReportingCycleState } from '../domain/request-types';

/** The cycle workflow's own view: how many requests it has started, whether it is closing or closed. */
export const cycleStatusQuery = defineQuery<ReportingCycleState>('status');
/** Sent by a request workflow when it ends, so the cycle re-checks its progress without waiting. */
export const requestEndedSignal = defineSignal<[{ institutionCode: string }]>('requestEnded');
/** Sent by the cycle to each open request when the secretariat closes the cycle early. */
export const closeRequestSignal = defineSignal<[CloseRequestCommand]>('closeRequest');
