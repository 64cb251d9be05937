// Validates Kubernetes objects against the API schemas that kubernetes-models ships, strictly (unknown fields
// are errors, as with kubeconform --strict). Reads a JSON array of objects on stdin; prints a JSON array with one
// entry per object, { id, problems }, where problems lists each error as "<JSON pointer>: <what is wrong>".
//
// Why a child process: the validators are ES modules and jest runs the tests as CommonJS.
//
// Why the proxies: the shipped schemas are ajv standalone code, compiled without `additionalProperties: false`,
// and no schema JSON is shipped that could be compiled again with it. A compiled validator reads every property
// its schema declares (they are compiled with allErrors, so one error does not stop the reading) and enumerates
// the keys of a map (`additionalProperties`: labels, ConfigMap data, resource quantities). So a key that the
// validator neither read nor enumerated is one the schema does not declare: an unknown field.
// One limit: a free-form object (x-kubernetes-preserve-unknown-fields) would have every key reported; none of
// the kinds in deploy/kubernetes has one.

import { readFileSync } from 'node:fs';

/** The module of an object's schema: apps/v1 Deployment is IoK8sApiAppsV1Deployment, v1 ConfigMap IoK8sApiCoreV1ConfigMap. */
function schemaModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const capitalise = (word) => word.charAt(0).toUpperCase() + word.slice(1);
  // The schemas are not in the package's exports map: import them by file, next to its entry point.
  return new URL(`_schemas/IoK8sApi${capitalise(group.split('.')[0])}${capitalise(version)}${kind}.mjs`, import.meta.resolve('kubernetes-models')).href;
}

/**
 * A copy of `value` in which every plain object is a proxy that records the keys read from it and whether its keys
 * were enumerated; `seen` gets one entry per object, with its JSON pointer.
 */
function observed(value, pointer, seen) {
  if (Array.isArray(value)) return value.map((item, index) => observed(item, `${pointer}/${index}`, seen));
  if (value === null || typeof value !== 'object') return value;
  const target = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, observed(item, `${pointer}/${key}`, seen)]));
  const record = { pointer, target, read: new Set(), enumerated: false };
  seen.push(record);
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'string') record.read.add(key);
      return Reflect.get(object, key, receiver);
    },
    has(object, key) {
      if (typeof key === 'string') record.read.add(key);
      return Reflect.has(object, key);
    },
    ownKeys(object) {
      record.enumerated = true;
      return Reflect.ownKeys(object);
    },
  });
}

/** The problems of one object: schema errors first, then its unknown fields. */
async function problemsOf(object) {
  if (typeof object?.apiVersion !== 'string' || typeof object?.kind !== 'string') return ['/: apiVersion and kind must be strings'];
  let validate;
  try {
    ({ validate } = await import(schemaModule(object.apiVersion, object.kind)));
  } catch {
    return [`/: no schema for ${object.apiVersion} ${object.kind} in kubernetes-models`];
  }
  const seen = [];
  const valid = validate(observed(object, '', seen));
  const problems = valid ? [] : validate.errors.map((error) => `${error.instancePath || '/'}: ${error.keyword} ${JSON.stringify(error.params)}`);
  const unknown = [];
  for (const { pointer, target, read, enumerated } of seen) {
    if (enumerated) continue;
    for (const key of Object.keys(target)) if (!read.has(key)) unknown.push(`${pointer}/${key}`);
  }
  // Only the outermost unknown field: what lies inside it was never looked at, and is not news.
  const outermost = unknown.filter((pointer) => !unknown.some((other) => pointer.startsWith(`${other}/`)));
  return [...problems, ...outermost.sort().map((pointer) => `${pointer}: unknown field`)];
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const report = [];
for (const object of objects) report.push({ id: `${object?.kind}/${object?.metadata?.name}`, problems: await problemsOf(object) });
process.stdout.write(`${JSON.stringify(report)}\n`);
