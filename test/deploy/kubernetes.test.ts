import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRedisUrl } from '../../src/cache/redisClient';
import { loadConfig } from '../../src/config';
import { startStack } from '../helpers/startStack';
import { admissionWorkerHeapMb, gatewayVariables, root, shutdownCloseBoundMs } from './configVariables';
import { KustomizeSubsetError, readYamlDocuments, renderKustomization, type KubernetesObject } from './kustomize';

/**
 * deploy/kubernetes: the base and the production overlay render (test/deploy/kustomize.ts), every
 * object is valid against the Kubernetes API schemas with unknown fields refused, and the objects
 * agree with each other and with the gateway they run (ports, probes, variables, shutdown timing).
 */

const base = join(root, 'deploy', 'kubernetes', 'base');
const production = join(root, 'deploy', 'kubernetes', 'overlays', 'production');
const secretExample = readYamlDocuments(join(base, 'secret.example.yaml')) as KubernetesObject[];

/** Module-private: each object's schema problems, from test/deploy/validateKubernetes.mjs in a child node. */
function schemaProblems(objects: readonly unknown[]): { id: string; problems: string[] }[] {
  const child = spawnSync(process.execPath, [join(__dirname, 'validateKubernetes.mjs')], { input: JSON.stringify(objects), encoding: 'utf8', cwd: root });
  if (child.status !== 0) throw new Error(`validateKubernetes.mjs exited ${child.status}: ${child.stderr}`);
  return JSON.parse(child.stdout) as { id: string; problems: string[] }[];
}

/** Module-private: the one object of `kind` (and `name`, when several). */
function find<T = any>(objects: readonly KubernetesObject[], kind: string, name?: string): T {
  const matches = objects.filter((object) => object.kind === kind && (name === undefined || object.metadata.name === name));
  if (matches.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}; got ${matches.length}`);
  return matches[0] as T;
}

/** Module-private: whether a `matchLabels` selector selects pods with `labels`. */
function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** Module-private: bytes of a Kubernetes memory quantity in Mi or Gi. */
function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

const renderings = { base: renderKustomization(base), production: renderKustomization(production) };

describe.each(Object.entries(renderings))('the %s rendering', (_name, objects) => {
  const deployment = find(objects, 'Deployment');
  const pod = deployment.spec.template;
  const container = pod.spec.containers[0];
  const configMap = find(objects, 'ConfigMap');
  const secret = secretExample[0] as any;

  test('holds the gateway objects, each valid against the Kubernetes API schema with unknown fields refused', () => {
    expect(objects.map((object) => `${object.kind}/${object.metadata.name}`).sort()).toEqual([
      'ConfigMap/pinpoint-graph',
      'Deployment/pinpoint-graph',
      'HorizontalPodAutoscaler/pinpoint-graph',
      'PodDisruptionBudget/pinpoint-graph',
      'Service/pinpoint-graph',
      'Service/pinpoint-graph-metrics',
      'ServiceAccount/pinpoint-graph',
    ]);
    const report = schemaProblems([...objects, ...secretExample]);
    expect(report.filter((entry) => entry.problems.length > 0)).toEqual([]);
    expect(report).toHaveLength(objects.length + 1);
  });

  test('selectors: the Deployment, both Services and the budget select the pod template; the HPA scales the Deployment', () => {
    const labels = pod.metadata.labels;
    expect(selects(deployment.spec.selector.matchLabels, labels)).toBe(true);
    expect(selects(find(objects, 'Service', 'pinpoint-graph').spec.selector, labels)).toBe(true);
    expect(selects(find(objects, 'Service', 'pinpoint-graph-metrics').spec.selector, labels)).toBe(true);
    expect(selects(find(objects, 'PodDisruptionBudget').spec.selector.matchLabels, labels)).toBe(true);
    for (const constraint of pod.spec.topologySpreadConstraints) expect(selects(constraint.labelSelector.matchLabels, labels)).toBe(true);
    const hpa = find(objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: deployment.apiVersion, kind: 'Deployment', name: deployment.metadata.name });
    // The Deployment's own count is the HPA's floor, so `kubectl apply` never scales below it.
    expect(deployment.spec.replicas).toBe(hpa.spec.minReplicas);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
    expect(pod.spec.serviceAccountName).toBe(find(objects, 'ServiceAccount').metadata.name);
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }, { secretRef: { name: secret.metadata.name } }]);
  });

  test('ports: the container listens on the ConfigMap PORT and METRICS_PORT, and the Services and probes name those ports', () => {
    const ports = Object.fromEntries(container.ports.map((port: { name: string; containerPort: number }) => [port.name, port.containerPort]));
    expect(ports).toEqual({ http: Number(configMap.data.PORT), metrics: Number(configMap.data.METRICS_PORT) });
    expect(find(objects, 'Service', 'pinpoint-graph').spec.ports).toEqual([{ name: 'http', port: ports.http, targetPort: 'http' }]);
    // Metrics only through the headless Service: no load-balanced route reaches /metrics.
    expect(find(objects, 'Service', 'pinpoint-graph-metrics').spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'metrics', port: ports.metrics, targetPort: 'metrics' }] });
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) expect(container[probe].httpGet.port).toBe('http');
    expect(configMap.data.HOST).toBe('0.0.0.0');
  });

  test('every ConfigMap and Secret key is a variable src/config.ts reads, and together they are a valid production configuration', () => {
    const known = gatewayVariables();
    const names = [...Object.keys(configMap.data), ...Object.keys(secret.stringData)];
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    // A name in both would depend on envFrom's order.
    expect(Object.keys(configMap.data).filter((name) => name in secret.stringData)).toEqual([]);
    expect(Object.keys(secret.stringData).sort()).toEqual(['METRICS_TOKEN', 'REDIS_URL']);
    const config = loadConfig({ ...configMap.data, ...secret.stringData });
    expect(config).toMatchObject({ nodeEnv: 'production', upstream: 'aws', port: 4000, host: '0.0.0.0', endpoints: undefined, trustProxyHops: 1 });
    expect(config.metrics).toMatchObject({ port: 9464, token: secret.stringData.METRICS_TOKEN });
    expect(parseRedisUrl(config.redis!.url)).toMatchObject({ kind: 'cluster', password: 'change-me' });
    // Explicit: unset, production with Redis would start one process per CPU the node has, not per core requested.
    expect(config.workers).toBe(1);
  });

  test('no AWS key anywhere: the ServiceAccount carries the IAM role (IRSA), and no Kubernetes API token is mounted', () => {
    const serviceAccount = find(objects, 'ServiceAccount');
    expect(serviceAccount.metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::\d{12}:role\/[\w+=,.@-]+$/);
    expect(serviceAccount.automountServiceAccountToken).toBe(false);
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    const environment = [...Object.keys(configMap.data), ...Object.keys(secret.stringData), ...container.env.map((variable: { name: string }) => variable.name)];
    expect(environment.filter((name) => name.startsWith('AWS_') && name !== 'AWS_REGION')).toEqual([]);
  });

  test('shutdown: the grace period covers the preStop sleep, SHUTDOWN_GRACE_MS and the close after it', () => {
    const [command, seconds] = container.lifecycle.preStop.exec.command;
    expect(command).toBe('sleep');
    const stopSeconds = Number(seconds) + loadConfig(configMap.data).shutdownGraceMs / 1000 + shutdownCloseBoundMs() / 1000;
    expect(pod.spec.terminationGracePeriodSeconds).toBeGreaterThan(stopSeconds);
    // The sleep must outlast the endpoint removal it waits for, at least one readiness period.
    expect(Number(seconds)).toBeGreaterThanOrEqual(container.readinessProbe.periodSeconds);
  });

  test('security: non-root as the image user, read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp', () => {
    const imageUser = /^USER (\d+):(\d+)$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'));
    expect(imageUser).not.toBeNull();
    expect(pod.spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: Number(imageUser![1]), runAsGroup: Number(imageUser![2]), seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    // Every writable path is an emptyDir; none is the working directory, where the gateway must write nothing.
    const volumes = Object.fromEntries(pod.spec.volumes.map((volume: { name: string }) => [volume.name, volume]));
    for (const mount of container.volumeMounts) {
      expect(volumes[mount.name]).toMatchObject({ emptyDir: expect.any(Object) });
      expect(mount.mountPath.startsWith('/app')).toBe(false);
    }
  });

  test('resources: a core per gateway process, and a memory limit above the old-space cap plus the admission workers\' heaps', () => {
    const config = loadConfig(configMap.data);
    expect(Number(container.resources.requests.cpu)).toBeGreaterThanOrEqual(Number(configMap.data.WORKERS));
    const oldSpace = Number(/--max-old-space-size=(\d+)/.exec(container.env.find((variable: { name: string }) => variable.name === 'NODE_OPTIONS').value)![1]);
    // 128 MiB for young generations, code, buffers and the admission LRU on top of the two heaps.
    expect(mebibytes(container.resources.limits.memory)).toBeGreaterThanOrEqual(oldSpace + config.admissionWorkers * admissionWorkerHeapMb() + 128);
    // The request covers the measured RSS under load (up to ~370 MiB).
    expect(mebibytes(container.resources.requests.memory)).toBeGreaterThanOrEqual(400);
  });
});

test('the production overlay: namespace, image, more replicas and wider HPA bounds than the base, the rest unchanged', () => {
  const [baseDeployment, productionDeployment] = [find(renderings.base, 'Deployment'), find(renderings.production, 'Deployment')];
  expect(renderings.production.every((object) => object.metadata.namespace === 'pinpoint-graph')).toBe(true);
  expect(baseDeployment.spec.template.spec.containers[0].image).toBe('pinpoint-graph');
  expect(productionDeployment.spec.template.spec.containers[0].image).toBe('registry.example.com/pinpoint-graph:0.1.0');
  expect(productionDeployment.spec.replicas).toBeGreaterThan(baseDeployment.spec.replicas);
  const [baseHpa, productionHpa] = [find(renderings.base, 'HorizontalPodAutoscaler'), find(renderings.production, 'HorizontalPodAutoscaler')];
  expect(productionHpa.spec.maxReplicas).toBeGreaterThan(baseHpa.spec.maxReplicas);
  // The patch replaced only the bounds: the metrics and behaviour of the base survive the merge.
  expect({ ...productionHpa.spec, minReplicas: 0, maxReplicas: 0 }).toEqual({ ...baseHpa.spec, minReplicas: 0, maxReplicas: 0 });
  const strip = (deployment: any) => ({ ...deployment, metadata: { ...deployment.metadata, namespace: undefined }, spec: { ...deployment.spec, replicas: 0, template: { ...deployment.spec.template, spec: { ...deployment.spec.template.spec, containers: [{ ...deployment.spec.template.spec.containers[0], image: '' }] } } } });
  expect(strip(productionDeployment)).toEqual(strip(baseDeployment));
});

test('the strict schema check rejects a misspelt field and a wrong type, and accepts what kubectl would', () => {
  const deployment = structuredClone(find(renderings.production, 'Deployment'));
  const container = deployment.spec.template.spec.containers[0];
  container.readinessProbes = container.readinessProbe;
  delete container.readinessProbe;
  deployment.spec.replicas = '3';
  const configMap = structuredClone(find(renderings.production, 'ConfigMap'));
  configMap.data.PORT = 4000;
  const service = structuredClone(find(renderings.production, 'Service', 'pinpoint-graph'));
  service.spec.selectors = service.spec.selector;
  // Arbitrary keys stay allowed where the API declares a map (labels, annotations).
  const labelled = structuredClone(find(renderings.production, 'ServiceAccount'));
  labelled.metadata.labels['example.com/any-label'] = 'yes';
  expect(schemaProblems([deployment, configMap, service, labelled])).toEqual([
    { id: 'Deployment/pinpoint-graph', problems: ['/spec/replicas: type {"type":"integer"}', '/spec/template/spec/containers/0/readinessProbes: unknown field'] },
    { id: 'ConfigMap/pinpoint-graph', problems: ['/data/PORT: type {"type":"string"}'] },
    { id: 'Service/pinpoint-graph', problems: ['/spec/selectors: unknown field'] },
    { id: 'ServiceAccount/pinpoint-graph', problems: [] },
  ]);
  expect(schemaProblems([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } }])).toEqual([{ id: 'Widget/x', problems: ['/: no schema for example.com/v1 Widget in kubernetes-models'] }]);
});

test('the kustomize subset refuses what it does not render instead of skipping it', () => {
  const copy = mkdtempSync(join(tmpdir(), 'kustomize-subset-'));
  try {
    cpSync(join(root, 'deploy', 'kubernetes'), copy, { recursive: true });
    const overlay = join(copy, 'overlays', 'production');
    const kustomization = readFileSync(join(overlay, 'kustomization.yaml'), 'utf8');
    writeFileSync(join(overlay, 'kustomization.yaml'), `${kustomization}commonLabels:\n  team: messaging\n`);
    expect(() => renderKustomization(overlay)).toThrow(new KustomizeSubsetError(`${join(overlay, 'kustomization.yaml')}: "commonLabels" is not in the rendered subset (resources, namespace, images, patches)`));
    writeFileSync(join(overlay, 'kustomization.yaml'), kustomization);
    writeFileSync(join(overlay, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: pinpoint-graph\nspec:\n  template:\n    spec:\n      containers:\n        - name: gateway\n          image: other\n');
    expect(() => renderKustomization(overlay)).toThrow(/\/spec\/template\/spec\/containers is a list; lists merge by a per-field key in kustomize/);
    writeFileSync(join(overlay, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: pinpoint-graf\nspec:\n  replicas: 3\n');
    expect(() => renderKustomization(overlay)).toThrow(/patches apps\/v1\/Deployment\/pinpoint-graf, which .* does not have/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test('the probe paths answer 200 on a running gateway: startup and liveness alive, readiness ready', async () => {
  const container = find(renderings.production, 'Deployment').spec.template.spec.containers[0];
  const stack = await startStack({ seed: false });
  try {
    const answers: Record<string, { status: number; body: { status: string } }> = {};
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const response = await fetch(`${stack.gatewayUrl}${container[probe].httpGet.path}`);
      answers[probe] = { status: response.status, body: (await response.json()) as { status: string } };
    }
    expect(answers).toEqual({
      startupProbe: { status: 200, body: { status: 'alive' } },
      livenessProbe: { status: 200, body: { status: 'alive' } },
      readinessProbe: { status: 200, body: expect.objectContaining({ status: 'ready' }) },
    });
  } finally {
    await stack.close();
  }
});
