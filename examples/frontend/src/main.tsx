import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { cacheExchange, Client, fetchExchange, Provider } from 'urql';
import { App } from './App';
import { readConfig } from './config';

// Replaced at build time (build.ts, esbuild `define`); the page's query string overrides them.
declare const __GATEWAY_URL__: string;
declare const __API_KEY__: string;
declare const __PAGE_SIZE__: number;

const config = readConfig(location.search, { gatewayUrl: __GATEWAY_URL__, apiKey: __API_KEY__, pageSize: __PAGE_SIZE__ });

const client = new Client({
  url: config.gatewayUrl,
  exchanges: [cacheExchange, fetchExchange],
  // urql sends short queries as GET by default; the gateway refuses a GET without an
  // `apollo-require-preflight` header (CSRF prevention), and a JSON POST needs nothing extra.
  preferGetMethod: false,
  // `Authorization: ApiKey` rather than `x-api-key`: the gateway's CORS allows `authorization` by default.
  fetchOptions: () => (config.apiKey ? { headers: { authorization: `ApiKey ${config.apiKey}` } } : {}),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={client}>
      <App config={config} />
    </Provider>
  </StrictMode>,
);
