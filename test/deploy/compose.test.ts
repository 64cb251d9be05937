import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseRedisUrl } from '../../src/cache/redisClient';
import { loadConfig } from '../../src/config';
import { emulatorVariables, gatewayVariables, root, shutdownCloseBoundMs } from './configVariables';

/**
 * docker-compose.yml and ops/haproxy/haproxy.cfg, checked without Docker: the services refer to
 * each other correctly, the gateway scales (no fixed host port) behind HAProxy, its environment is
 * a valid configuration with the single Redis and with the `cluster` profile's Redis Cluster, every
 * mounted file exists, and HAProxy itself accepts its configuration (`haproxy -c`).
 */

/** Module-private: the parts of a compose service these checks read. */
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  read_only?: boolean;
  tmpfs?: string[];
  stop_grace_period?: string;
}

const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const services = (parse(composeText) as { services: Record<string, Service> }).services;
const haproxyFile = join(root, 'ops', 'haproxy', 'haproxy.cfg');
const haproxyConfig = readFileSync(haproxyFile, 'utf8');
const HAPROXY = '/usr/sbin/haproxy';

/** Module-private: compose's interpolation of `${NAME}`, `${NAME:-default}` and `$$` (a literal `$`). */
function interpolate(value: string, env: Readonly<Record<string, string>> = {}): string {
  return value.replace(/\$\$|\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$$') return '$';
    return env[name!] || (fallback ?? '');
  });
}

/** Module-private: the `ENV` lines of the Dockerfile (its last stage is the image every built service runs). */
const imageEnvironment = Object.fromEntries([...readFileSync(join(root, 'Dockerfile'), 'utf8').matchAll(/^ENV ([A-Z_]+)=(\S+)$/gm)].map((match) => [match[1], match[2]]));

/** Module-private: a service's environment as the container gets it (the image's, then the compose file's). */
function environmentOf(name: string, env: Readonly<Record<string, string>> = {}): Record<string, string> {
  const own = Object.fromEntries(Object.entries(services[name].environment ?? {}).map(([key, value]) => [key, interpolate(String(value), env)]));
  return services[name].build !== undefined ? { ...imageEnvironment, ...own } : own;
}

/** Module-private: `haproxy -c` on a configuration file. */
function haproxyCheck(file: string): { status: number | null; output: string } {
  const result = spawnSync(HAPROXY, ['-c', '-f', file], { encoding: 'utf8' });
  if (result.error) throw new Error(`${HAPROXY} could not run (.ci/run installs Debian's haproxy): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The cluster URL the compose file's header tells to export with the `cluster` profile. */
const clusterUrl = /GATEWAY_REDIS_URL=(\S+)/.exec(composeText)?.[1];

test('every dependency exists; an always-on service depends on a profile-only service only with required: false', () => {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(services)) {
    for (const [dependency, { condition, required }] of Object.entries(service.depends_on ?? {})) {
      if (!services[dependency]) problems.push(`${name} depends on undefined ${dependency}`);
      else if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition)) problems.push(`${name}: unknown condition ${condition}`);
      else if (condition === 'service_healthy' && !('healthcheck' in services[dependency])) problems.push(`${name} waits for ${dependency} to be healthy, which has no health check`);
      else {
        const profiles = services[dependency].profiles ?? [];
        const shared = profiles.length === 0 || (service.profiles ?? []).some((profile) => profiles.includes(profile));
        // A required dependency on a service disabled by a profile the dependent is not in breaks `docker compose up`.
        if (!shared && required !== false) problems.push(`${name} requires ${dependency}, which runs only with the profiles ${profiles.join(', ')}`);
      }
    }
  }
  expect(problems).toEqual([]);
  expect(Object.keys(services).sort()).toEqual(['emulator', 'gateway', 'lb', 'redis', 'redis-cluster-init', 'redis-node-1', 'redis-node-2', 'redis-node-3', 'redis-node-4', 'redis-node-5', 'redis-node-6']);
});

test('the gateway scales: no fixed host port; HAProxy is the one entry on :4000 and finds every replica through Docker DNS', () => {
  const gateway = services.gateway;
  // Only container ports (Docker picks the host port per replica), so `--scale gateway=3` does not collide.
  expect((gateway.ports ?? []).filter((port) => port.includes(':'))).toEqual([]);
  const publishers = Object.entries(services).filter(([, service]) => (service.ports ?? []).some((port) => port.startsWith('4000:')));
  expect(publishers.map(([name]) => name)).toEqual(['lb']);
  const env = environmentOf('gateway');
  const template = /^\s*server-template\s+\S+\s+(\d+)\s+([\w-]+):(\d+)\s+check\b/m.exec(haproxyConfig);
  expect(template).not.toBeNull();
  expect({ host: template![2], port: template![3] }).toEqual({ host: 'gateway', port: env.PORT });
  expect(Number(template![1])).toBeGreaterThanOrEqual(3);
  expect(haproxyConfig).toMatch(/^\s*bind :4000$/m);
  expect(services.lb.ports).toContain('4000:4000');
  // Docker's embedded DNS, re-resolved at run time; `init-addr none`: start before any replica resolves.
  expect(haproxyConfig).toMatch(/^\s*nameserver \S+ 127\.0\.0\.11:53$/m);
  expect(haproxyConfig).toMatch(/^\s*default-server .*\binit-addr none\b.*\bresolvers docker\b/m);
  // Replicas leave rotation when /readyz fails: dependencies down, or the drain after `docker compose stop`.
  expect(haproxyConfig).toMatch(/^\s*http-check send meth GET uri \/readyz\b/m);
  expect(haproxyConfig).toMatch(/^\s*http-check expect status 200$/m);
  // HAProxy appends to X-Forwarded-For, and the gateway trusts exactly that one hop.
  expect(haproxyConfig).toMatch(/^\s*option forwardfor$/m);
  expect(env.TRUST_PROXY_HOPS).toBe('1');
});

test('HAProxy accepts its configuration, and the same check fails a broken one', () => {
  const valid = haproxyCheck(haproxyFile);
  expect(valid).toEqual({ status: 0, output: expect.stringContaining('Configuration file is valid') });
  const directory = mkdtempSync(join(tmpdir(), 'haproxy-check-'));
  try {
    const broken = join(directory, 'haproxy.cfg');
    writeFileSync(broken, haproxyConfig.replace('server-template gateway', 'server-templat gateway'));
    const refused = haproxyCheck(broken);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/unknown keyword 'server-templat'/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('every mounted file exists in the repository, where the image reads it', () => {
  const mounts = Object.entries(services).flatMap(([name, service]) => (service.volumes ?? []).map((volume) => ({ name, volume })));
  expect(mounts.length).toBeGreaterThan(0);
  for (const { name, volume } of mounts) {
    const [source] = volume.split(':');
    expect({ name, source, isFile: source.startsWith('./') && existsSync(join(root, source)) && statSync(join(root, source)).isFile() }).toEqual({ name, source, isFile: true });
  }
  expect(services.lb.volumes).toEqual(['./ops/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro']);
});

test("the gateway's environment names only variables src/config.ts reads and is valid, with one Redis and with the cluster", () => {
  const known = gatewayVariables();
  expect(Object.keys(environmentOf('gateway')).filter((name) => !known.has(name))).toEqual([]);
  expect(environmentOf('gateway').NODE_ENV).toBe('production');
  const single = loadConfig(environmentOf('gateway'));
  expect(parseRedisUrl(single.redis!.url)).toEqual({ kind: 'single', url: 'redis://redis:6379' });
  expect(single).toMatchObject({ port: 4000, host: '0.0.0.0', upstream: 'emulator', endpoints: { pinpoint: 'http://emulator:4566', smsVoice: 'http://emulator:4566' }, workers: 1 });
  expect(clusterUrl).toBeDefined();
  const clustered = loadConfig(environmentOf('gateway', { GATEWAY_REDIS_URL: clusterUrl! }));
  const target = parseRedisUrl(clustered.redis!.url);
  if (target.kind !== 'cluster') throw new Error(`GATEWAY_REDIS_URL names a ${target.kind} Redis, not a cluster`);
  // Its seed nodes are the cluster profile's nodes, on the port they serve.
  for (const node of target.nodes) {
    const service = services[node.host];
    expect({ node: node.host, profiles: service?.profiles, command: service?.command?.join(' ') }).toEqual({
      node: node.host,
      profiles: ['cluster'],
      command: expect.stringMatching(new RegExp(`--port ${node.port} --cluster-enabled yes`)),
    });
  }
  // The README gives the same command.
  expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`GATEWAY_REDIS_URL=${clusterUrl}`);
});

test('the emulator is its own service: the gateways reach it by name on the port it listens on', () => {
  const emulator = environmentOf('emulator');
  const known = emulatorVariables();
  expect(Object.keys(emulator).filter((name) => name !== 'NODE_ENV' && !known.has(name))).toEqual([]);
  expect(emulator.EMULATOR_HOST).toBe('0.0.0.0');
  const gateway = environmentOf('gateway');
  expect([gateway.PINPOINT_ENDPOINT, gateway.SMS_VOICE_ENDPOINT]).toEqual([`http://emulator:${emulator.EMULATOR_PORT}`, `http://emulator:${emulator.EMULATOR_PORT}`]);
  expect(services.gateway.depends_on?.emulator).toEqual({ condition: 'service_healthy' });
});

test('the cluster profile: six nodes joined as three masters with a replica each by an idempotent one-shot container', () => {
  const nodes = Object.keys(services).filter((name) => /^redis-node-\d$/.test(name));
  expect(nodes).toHaveLength(6);
  const init = services['redis-cluster-init'];
  expect(init.profiles).toEqual(['cluster']);
  expect(Object.keys(init.depends_on ?? {}).sort()).toEqual(nodes);
  expect(init.entrypoint).toEqual(['sh', '-c']);
  const script = interpolate(init.command![0]);
  expect(/for node in ([\w -]+); do/.exec(script)?.[1].split(' ')).toEqual(nodes);
  // 6 nodes with one replica each: 3 masters.
  expect(script).toMatch(/redis-cli --cluster create \$nodes --cluster-replicas 1 --cluster-yes/);
  expect(script).toMatch(/cluster info \| grep -q '\^cluster_state:ok'.*exit 0/);
  const syntax = spawnSync('sh', ['-n', '-c', script], { encoding: 'utf8' });
  expect({ status: syntax.status, stderr: syntax.stderr }).toEqual({ status: 0, stderr: '' });
  // The gateways wait for it only when the profile is on.
  expect(services.gateway.depends_on?.['redis-cluster-init']).toEqual({ condition: 'service_completed_successfully', required: false });
});

test('the gateway runs as on Kubernetes: non-root image user, read-only root filesystem, and a stop grace longer than its drain', () => {
  expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
  const gateway = services.gateway;
  expect({ readOnly: gateway.read_only, tmpfs: gateway.tmpfs }).toEqual({ readOnly: true, tmpfs: ['/tmp'] });
  const graceSeconds = loadConfig(environmentOf('gateway')).shutdownGraceMs / 1000;
  expect(Number(/^(\d+)s$/.exec(gateway.stop_grace_period!)![1])).toBeGreaterThanOrEqual(graceSeconds + shutdownCloseBoundMs() / 1000);
});
