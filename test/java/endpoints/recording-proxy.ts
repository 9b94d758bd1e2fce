/**
 * A recording HTTP proxy on a free loopback port in front of one local endpoint (moto_server or
 * serverless-offline): it forwards every request unchanged and keeps what went each way, so a test
 * can see what the SDK really sent (who signed it, with which session token, how many requests, how
 * large) and what the endpoint really answered, independently of what the action reports.
 */
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type Server } from 'node:http';

/** Bodies up to this size are kept whole; larger ones only by length. */
const KEEP_BODY_BYTES = 256 * 1024;

export interface RecordedExchange {
  method: string;
  /** Path without the query. */
  path: string;
  query: string;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
  /** The access key ID in the SigV4 Authorization header, and the service of its credential scope. */
  accessKeyId: string | undefined;
  service: string | undefined;
  bodyLength: number;
  /** The request body when at most KEEP_BODY_BYTES long. */
  body: Buffer | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: Buffer | undefined;
}

export interface RecordingProxy {
  endpoint: string;
  exchanges: RecordedExchange[];
  /** Exchanges whose request was signed with this access key ID. */
  signedWith(accessKeyId: string): RecordedExchange[];
  stop(): Promise<void>;
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;

/**
 * Changes an answer before the client sees it (and before it is recorded): how a test stands in for
 * what the endpoint cannot be asked for, such as credentials that expire soon.
 */
export type AnswerRewrite = (exchange: RecordedExchange, body: Buffer) => Buffer;

export async function startRecordingProxy(upstream: string, rewrite?: AnswerRewrite): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const exchanges: RecordedExchange[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = flatten(req.headers);
      const url = new URL(req.url ?? '/', 'http://proxy');
      const signature = SIGV4.exec(headers['authorization'] ?? '');
      const exchange: RecordedExchange = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        headers,
        accessKeyId: signature?.[1],
        service: signature?.[2],
        bodyLength: body.length,
        body: body.length <= KEEP_BODY_BYTES ? body : undefined,
        status: 0,
        responseHeaders: {},
        responseBody: undefined,
      };
      exchanges.push(exchange);
      const forward = httpRequest(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
          agent,
        },
        (upstreamResponse) => {
          const answer: Buffer[] = [];
          upstreamResponse.on('data', (c: Buffer) => answer.push(c));
          upstreamResponse.on('end', () => {
            const received = Buffer.concat(answer);
            const responseBody = rewrite ? rewrite(exchange, received) : received;
            exchange.status = upstreamResponse.statusCode ?? 0;
            exchange.responseHeaders = flatten(upstreamResponse.headers);
            exchange.responseBody = responseBody.length <= KEEP_BODY_BYTES ? responseBody : undefined;
            const outHeaders = { ...upstreamResponse.headers };
            // The body is sent whole, with its length: no chunked framing to copy.
            delete outHeaders['transfer-encoding'];
            if (exchange.status !== 204 && exchange.status !== 304) outHeaders['content-length'] = String(responseBody.length);
            res.writeHead(exchange.status, outHeaders);
            res.end(responseBody);
          });
        },
      );
      forward.on('error', (error) => {
        exchange.status = 502;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`recording proxy: ${error.message}`);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    exchanges,
    signedWith: (accessKeyId) => exchanges.filter((e) => e.accessKeyId === accessKeyId),
    stop: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
