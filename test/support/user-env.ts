import type { ChildEnv } from '../../scripts/lib/process-group';

/** Prefixes of the product's settings (README, settings table). */
const PRODUCT_SETTINGS = /^(DEMO_MODE|AUTH_|OIDC_|PUBLIC_URL|METRICS_TOKEN|KAFKA_|AWS_REGION|SIM_|BFF_|PORT$|HOST$|LOG_)/;

/**
 * A person's shell as the README assumes it: none of the product's settings, only `settings`.
 * Values are removed rather than left undefined because a child would inherit them otherwise.
 */
export function userEnv(settings: ChildEnv = {}): Record<string, string | undefined> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PRODUCT_SETTINGS.test(name)));
  return { ...env, ...settings };
}
