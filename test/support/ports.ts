/**
 * Every test file's BFF listens on its own port so files never collide. TEST_PORT_BASE moves
 * them all, so two checkouts (or a demo) on one machine can run their tests side by side.
 */
const BASE = Number(process.env.TEST_PORT_BASE ?? 3190);

export const TEST_PORTS = {
  pipeline: BASE + 1,
  e2e: BASE + 2,
  access: BASE + 5,
  malformed: BASE + 6,
  sales: BASE + 7,
  zones: BASE + 8,
  zonesParallel: BASE + 16,
  alerts: BASE + 10,
  alertsSecond: BASE + 11,
  lag: BASE + 12,
  lagSecond: BASE + 13,
  fleet: BASE + 14,
  flinkRestart: BASE + 15,
  security: BASE + 17,
  bench: BASE + 20,
  /** The inspector of bench:clients' BFF, through which it reads the heap after a full GC. */
  benchInspector: BASE + 39,
  deployed: BASE + 30,
  securedPlain: BASE + 31,
  securedScram: BASE + 32,
  securedWrong: BASE + 33,
  oidcIssuer: BASE + 34,
  oidcBff: BASE + 35,
  lagStatuses: BASE + 36,
  /** Honest health: a BFF on a broker of its own that the test kills. */
  health: BASE + 37,
  replay: BASE + 38,
  /** nginx in front of a plain HTTP upstream (BASE + 41): what the proxy itself does to answers. */
  nginx: BASE + 40,
  notify: BASE + 21,
  notifySecond: BASE + 22,
  /** The notifier test's receivers: HTTP (webhook, Slack), SMTP, SNS. */
  notifyHttp: BASE + 23,
  notifySmtp: BASE + 24,
  notifySns: BASE + 25,
} as const;
