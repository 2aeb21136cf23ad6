import type { KafkaConnectionConfig } from './settings';

const UNTRUSTED_CERTIFICATE =
  /self[- ]signed certificate|unable to verify|unable to get (local )?issuer|certificate has expired|altnames|hostname\/ip does not match/i;

/**
 * Says what a failed Kafka connection means for the settings a person controls, so a wrong
 * password or a missing CA reads as such instead of as a stack of retries. Every process that
 * connects (BFF, simulator, scenario CLI) reports its failures through this.
 */
export function explainKafkaError(error: unknown, connection: KafkaConnectionConfig): string {
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as { message?: string })?.message ?? String(error);
  const brokers = connection.brokers.join(',');
  if (name === 'KafkaJSSASLAuthenticationError' || /authentication failed|invalid credentials/i.test(message)) {
    const user = connection.sasl && 'username' in connection.sasl ? `user "${connection.sasl.username}"` : 'these credentials';
    const mechanism = connection.sasl?.mechanism.toUpperCase() ?? 'none';
    return `Kafka at ${brokers} refused ${user} (SASL ${mechanism}): check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (${message})`;
  }
  if (UNTRUSTED_CERTIFICATE.test(message)) {
    return `the TLS certificate of Kafka at ${brokers} is not trusted: set KAFKA_SSL_CA_FILE to the PEM of its certificate authority (${message})`;
  }
  if (connection.ssl.enabled === false && /closed|ECONNRESET|disconnected/i.test(message)) {
    return `Kafka at ${brokers} closed the connection: does the listener need TLS (KAFKA_SSL=true) or SASL (KAFKA_SASL_MECHANISM)? (${message})`;
  }
  return `Kafka at ${brokers}: ${message}`;
}
