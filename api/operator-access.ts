import { AppError } from '../domain/app-error';
import { BEARER, sameSecret } from './auth/principal';

/** Who may read what operators read: /metrics, and the reasons behind a failed /readyz. */
export interface OperatorAccess {
  /**
   * Throws the 401/403 AppError for /metrics unless the request carries `Authorization: Bearer` with
   * METRICS_TOKEN or SECRETARIAT_TOKEN. With neither configured (development) every request passes.
   */
  authorizeMetrics(authorization: string | undefined): void;
  /** Whether this request may read the full error messages of /readyz (same rule, never throws). */
  isOperator(authorization: string | undefined): boolean;
}

/**
 * Access to the operators' routes. /healthz and /readyz stay open (a load balancer or an orchestrator
 * probes them without credentials, and they hold no data); /metrics needs a token once the service has
 * one: the scraper's own `METRICS_TOKEN` (which cannot act as the secretariat), or the secretariat's.
 * Tokens are compared in constant time.
 */
export function createOperatorAccess({ secretariatToken, metricsToken }: { secretariatToken?: string; metricsToken?: string }): OperatorAccess {
  const open = !secretariatToken && !metricsToken;
  const matches = (token: string) => (metricsToken !== undefined && sameSecret(token, metricsToken)) || (secretariatToken !== undefined && sameSecret(token, secretariatToken));
  return {
    authorizeMetrics(header) {
      if (open) return;
      if (!header) throw new AppError('UNAUTHENTICATED', '/metrics needs "Authorization: Bearer <METRICS_TOKEN>" (or the secretariat token).', undefined, { reason: 'TOKEN_MISSING' });
      const match = BEARER.exec(header);
      if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <METRICS_TOKEN>".', undefined, { reason: 'NOT_BEARER' });
      if (!matches(match[1])) throw new AppError('FORBIDDEN', 'The token is not valid for /metrics.', undefined, { reason: 'TOKEN_INVALID' });
    },
    isOperator(header) {
      if (open) return true;
      const match = header ? BEARER.exec(header) : null;
      return !!match && matches(match[1]);
    },
  };
}
