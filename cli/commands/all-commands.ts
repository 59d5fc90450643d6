import type { CommandSpec } from '../command';
import { AUDIT_COMMANDS } from './audit-commands';
import { CYCLE_COMMANDS } from './cycle-commands';
import { EXTENSION_COMMANDS } from './extension-commands';
import { HOLIDAY_COMMANDS } from './holiday-commands';
import { REQUEST_COMMANDS } from './request-commands';
import { SCHEDULE_COMMANDS } from './schedule-commands';
import { TOKEN_COMMANDS } from './token-commands';
import { USER_COMMANDS } from './user-commands';

/** Every command of `nap1325`, in the order the help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  ...CYCLE_COMMANDS,
  ...REQUEST_COMMANDS,
  ...EXTENSION_COMMANDS,
  ...HOLIDAY_COMMANDS,
  ...TOKEN_COMMANDS,
  ...USER_COMMANDS,
  ...AUDIT_COMMANDS,
  ...SCHEDULE_COMMANDS,
];
