import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';

import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * Real notification receivers on loopback for the notifier's tests: an HTTP server taking
 * webhook and Slack calls, Debian's aiosmtpd as the SMTP server, and an SNS endpoint that checks
 * each request's SigV4 signature before answering like SNS.
 */
export interface Received {
  path: string;
  body: unknown;
  at: number;
}

/** Records every POST; `failFor(path, ms)` answers 503 on that path until then, like a receiver that is down. */
export class HttpReceiver {
  readonly received: Received[] = [];
  private readonly failingUntil = new Map<string, number>();
  private readonly server: http.Server;

  constructor(readonly port: number) {
    this.server = http.createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        if (Date.now() < (this.failingUntil.get(request.url ?? '/') ?? 0)) {
          this.refused += 1;
          response.writeHead(503).end('down');
          return;
        }
        this.received.push({ path: request.url ?? '/', body: JSON.parse(text || 'null'), at: Date.now() });
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Requests answered 503 so far. */
  refused = 0;

  failFor(path: string, ms: number): void {
    this.failingUntil.set(path, Date.now() + ms);
  }

  on(path: string): Received[] {
    return this.received.filter((entry) => entry.path === path);
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface Mail {
  from: string;
  to: string;
  subject: string;
  body: string;
}

/** `python3 -m aiosmtpd -n -l 127.0.0.1:<port>`: prints every message it accepts, which is parsed here. */
export class SmtpReceiver {
  private process: ChildProcess | undefined;
  private output = '';

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    // Debian's python has the python3-aiosmtpd package; another python3 on the PATH may not.
    const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    this.process = spawn(python, ['-u', '-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${this.port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.process.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(this.port))) {
      if (Date.now() > deadline) throw new Error(`aiosmtpd did not listen on ${this.port} (is python3-aiosmtpd installed?): ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  mails(): Mail[] {
    const blocks = this.output.split('---------- MESSAGE FOLLOWS ----------').slice(1);
    return blocks.map((block) => {
      const text = block.split('------------ END MESSAGE ------------')[0] ?? '';
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(text)?.[1]?.trim() ?? '';
      return { from: header('From'), to: header('To'), subject: header('Subject'), body: text };
    });
  }

  stop(): void {
    this.process?.kill('SIGTERM');
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request({ host: '127.0.0.1', port, method: 'GET', timeout: 500 });
    // SMTP is not HTTP: any answer, or a parse error, means something listens.
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'ECONNREFUSED'));
    request.on('response', () => resolve(true));
    request.on('timeout', () => {
      request.destroy();
      resolve(true);
    });
    request.end();
  });
}

export interface SnsPublish {
  params: Record<string, string>;
  signatureValid: boolean;
}

/**
 * SNS's query API on loopback: recomputes each request's AWS Signature V4 with the known test
 * credentials and answers `Publish` as SNS does (403 on a bad signature).
 */
export class SnsEndpoint {
  readonly published: SnsPublish[] = [];
  private readonly server: http.Server;

  constructor(
    readonly port: number,
    private readonly credentials: { accessKeyId: string; secretAccessKey: string },
    private readonly region: string,
  ) {
    this.server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        void this.verify(request, body).then((signatureValid) => {
          const params = Object.fromEntries(new URLSearchParams(body));
          this.published.push({ params, signatureValid });
          if (!signatureValid || params.Action !== 'Publish') {
            response
              .writeHead(403, { 'content-type': 'text/xml' })
              .end('<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>bad signature</Message></Error></ErrorResponse>');
            return;
          }
          response
            .writeHead(200, { 'content-type': 'text/xml' })
            .end(
              `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>msg-${this.published.length}</MessageId></PublishResult><ResponseMetadata><RequestId>req-${this.published.length}</RequestId></ResponseMetadata></PublishResponse>`,
            );
        });
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async verify(request: http.IncomingMessage, body: string): Promise<boolean> {
    const authorization = request.headers.authorization ?? '';
    const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
    const amzDate = String(request.headers['x-amz-date'] ?? '');
    if (signed.length === 0 || !amzDate.match(/^\d{8}T\d{6}Z$/)) return false;
    const headers = Object.fromEntries(signed.map((name) => [name, String(request.headers[name] ?? '')]));
    const signer = new SignatureV4({ service: 'sns', region: this.region, credentials: this.credentials, sha256: Sha256 });
    const signingDate = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const expected = await signer.sign(
      { method: request.method ?? 'POST', protocol: 'http:', hostname: '127.0.0.1', port: this.port, path: request.url ?? '/', query: {}, headers, body },
      { signingDate },
    );
    return expected.headers.authorization === authorization;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
