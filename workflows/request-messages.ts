import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ChangeContactsCommand,
  CommandResult,
  ExemptCommand,
  ExtensionDecisionCommand,
  ExtensionRequestCommand,
  GrantExtensionCommand,
  InstitutionRequestState,
  ResendCommand,
  SubmitCommand,
  SubmitResult,
} from '../domain/request-types';

/** Contact submits final data, saves a draft (`final: false`), or corrects a submitted report. */
export const submitUpdate = defineUpdate<SubmitResult, [SubmitCommand]>('submit');
/** Contact asks for a later deadline, with a reason; the secretariat decides. */
export const requestExtensionUpdate = defineUpdate<CommandResult, [ExtensionRequestCommand]>('requestExtension');
/** Secretariat approves or rejects the pending extension request; the contact is told. */
export const decideExtensionUpdate = defineUpdate<CommandResult, [ExtensionDecisionCommand]>('decideExtension');
/** Secretariat grants a later deadline directly. */
export const grantExtensionUpdate = defineUpdate<CommandResult, [GrantExtensionCommand]>('grantExtension');
/** Secretariat has the data request sent again (listing what is still missing). */
export const resendRequestUpdate = defineUpdate<CommandResult, [ResendCommand]>('resendRequest');
/** Secretariat replaces the institution's contacts; the next emails go to the new people. */
export const changeContactsUpdate = defineUpdate<CommandResult, [ChangeContactsCommand]>('changeContacts');
/** Secretariat exempts the institution from this cycle, with a reason. */
export const exemptUpdate = defineUpdate<CommandResult, [ExemptCommand]>('exempt');
/** Current state: status, next scheduled action and when, escalation level, recent history (bounded). */
export const statusQuery = defineQuery<InstitutionRequestState>('status');
