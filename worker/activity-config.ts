import type { ActivityConfig } from '../activities';
import type { TConfig } from '../domain/config';

/** The activities' settings from the parsed configuration (the signing secret may come from .data/). */
export function activityConfig(config: TConfig, linkSigningSecret: string): ActivityConfig {
  return {
    publicBaseUrl: config.PUBLIC_BASE_URL,
    linkSigningSecret,
    linkTtlDays: config.LINK_TTL_DAYS,
    messageIdDomain: config.MAIL_MESSAGE_ID_DOMAIN,
    mailFrom: config.MAIL_FROM,
  };
}
