import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';

/**
 * Baseline 3, the throughput ceiling: Apollo Server 5 on node:http, with the same request
 * adapter shape as the gateway (read the body, parse JSON, `executeHTTPGraphQLRequest`) and a
 * schema of one field, answering `{ __typename }`. Nothing the gateway adds is here: no context,
 * loaders, cache, plugins or upstream calls. Prints `bare-apollo listening on <url>`.
 */

/** Module-private. */
async function main(): Promise<void> {
  const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } }, nodeEnv: 'production', stopOnTerminationSignals: false });
  await apollo.start();
  const server = createServer((req, res) => {
    void handle(apollo, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
  process.stdout.write(`bare-apollo listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void apollo.stop().then(() => process.exit(0));
  });
}

/** Module-private: the node:http adapter (the gateway's, less its routes and limits). */
async function handle(apollo: ApolloServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://bare.invalid');
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body: text ? JSON.parse(text) : undefined },
    context: async () => ({}),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

main().catch((error: unknown) => {
  process.stderr.write(`bare-apollo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
