import { AlertingConfigError, loadAlertingConfig } from '../server/notify/config';

/**
 * `npm run alerting -- check <file>`: validates an ALERTING_CONFIG file as `amtool check-config`
 * does, printing every problem with its line and column; exit code 1 when there is any.
 */
const [command, file] = process.argv.slice(2);
if (command !== 'check' || !file) {
  console.error('usage: npm run alerting -- check <file>');
  process.exit(2);
}
try {
  const config = loadAlertingConfig(file);
  const count = (route: typeof config.route): number => 1 + route.routes.reduce((sum, child) => sum + count(child), 0);
  console.log(`${file}: ok — ${config.receivers.size} receiver(s), ${count(config.route)} route(s), ${config.inhibitRules.length} inhibit rule(s)`);
} catch (error) {
  if (!(error instanceof AlertingConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
