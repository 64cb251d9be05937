import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The subset of kustomize that deploy/kubernetes uses, rendered in-process: kustomize is not a
 * dependency of the project (a Go binary; `kubectl kustomize` is not on every machine that runs
 * the tests), and the manifests need only four fields of a kustomization:
 * - `resources`: YAML files (one or more documents) and directories holding a kustomization;
 * - `patches`: `{ path }` entries, each a strategic merge patch of the object with its kind and name;
 * - `images`: `{ name, newName?, newTag?, digest? }` for the containers of pod templates;
 * - `namespace`: set on every object.
 * Anything else is refused with an error rather than ignored, so a manifest can never rely on a
 * field this renderer would silently skip; lists in patches are refused too, because kustomize
 * merges them by a per-field key (containers by name, ports by containerPort) not implemented here.
 * Checked against `kubectl kustomize` (kustomize v5.5) when written: the same objects.
 */

/** A Kubernetes object as parsed from YAML. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** Thrown for a kustomization or patch outside the supported subset, or one that does not apply. */
export class KustomizeSubsetError extends Error {
  override readonly name = 'KustomizeSubsetError';
}

/** Module-private: the kustomization fields rendered here. */
const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);

/** Module-private: kinds without a namespace, which the namespace field must not touch (none are supported). */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass', 'PersistentVolume']);

/** Renders the kustomization in `dir` (a folder holding `kustomization.yaml`) into its objects. */
export function renderKustomization(dir: string): KubernetesObject[] {
  const file = join(dir, 'kustomization.yaml');
  const [kustomization] = readYamlDocuments(file) as Record<string, unknown>[];
  if (kustomization?.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || kustomization.kind !== 'Kustomization') {
    throw new KustomizeSubsetError(`${file}: expected apiVersion kustomize.config.k8s.io/v1beta1 and kind Kustomization`);
  }
  for (const field of Object.keys(kustomization)) {
    if (!KUSTOMIZATION_FIELDS.has(field)) throw new KustomizeSubsetError(`${file}: "${field}" is not in the rendered subset (${[...KUSTOMIZATION_FIELDS].slice(2).join(', ')})`);
  }

  let objects: KubernetesObject[] = [];
  for (const entry of asList<string>(kustomization.resources, file, 'resources')) {
    const path = resolve(dir, entry);
    objects.push(...(statSync(path).isDirectory() ? renderKustomization(path) : (readYamlDocuments(path) as KubernetesObject[])));
  }
  const ids = objects.map(objectId);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new KustomizeSubsetError(`${file}: ${duplicate} is listed twice`);

  for (const patch of asList<Record<string, unknown>>(kustomization.patches, file, 'patches')) {
    if (Object.keys(patch).join() !== 'path' || typeof patch.path !== 'string') throw new KustomizeSubsetError(`${file}: a patch must be { path } only; got ${JSON.stringify(patch)}`);
    const patchFile = resolve(dir, patch.path);
    const documents = readYamlDocuments(patchFile) as KubernetesObject[];
    if (documents.length !== 1) throw new KustomizeSubsetError(`${patchFile}: a patch file holds one object; got ${documents.length}`);
    const [patchObject] = documents;
    if (patchObject.metadata?.namespace !== undefined) throw new KustomizeSubsetError(`${patchFile}: a patch must not name a namespace`);
    const at = objects.findIndex((object) => objectId(object) === objectId(patchObject));
    if (at < 0) throw new KustomizeSubsetError(`${patchFile}: patches ${objectId(patchObject)}, which ${relative(process.cwd(), file)} does not have`);
    objects[at] = strategicMerge(objects[at], patchObject, relative(process.cwd(), patchFile)) as KubernetesObject;
  }

  for (const image of asList<Record<string, unknown>>(kustomization.images, file, 'images')) {
    const unknown = Object.keys(image).filter((key) => !['name', 'newName', 'newTag', 'digest'].includes(key));
    if (unknown.length > 0 || typeof image.name !== 'string') throw new KustomizeSubsetError(`${file}: an image is { name, newName?, newTag?, digest? }; got ${JSON.stringify(image)}`);
    let replaced = 0;
    objects = objects.map((object) => {
      const result = structuredClone(object) as KubernetesObject & { spec?: { template?: { spec?: PodSpecImages } } };
      for (const container of [...(result.spec?.template?.spec?.containers ?? []), ...(result.spec?.template?.spec?.initContainers ?? [])]) {
        const next = replaceImage(container.image, image as unknown as ImageOverride);
        if (next !== container.image) replaced += 1;
        container.image = next;
      }
      return result;
    });
    // Stricter than kustomize, which ignores an image it finds nowhere: here that is a typo to report.
    if (replaced === 0) throw new KustomizeSubsetError(`${file}: image "${image.name}" is used by no container`);
  }

  if (kustomization.namespace !== undefined) {
    const namespace = kustomization.namespace;
    objects = objects.map((object) => {
      if (CLUSTER_SCOPED.has(object.kind)) throw new KustomizeSubsetError(`${file}: ${objectId(object)} is cluster-scoped; the namespace field is rendered for namespaced objects only`);
      return { ...object, metadata: { ...object.metadata, namespace: String(namespace) } };
    });
  }
  return objects;
}

/** Reads every non-empty YAML document of `file` as plain data; a syntax error throws with the file's name. */
export function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).flatMap((document) => {
    if (document.errors.length > 0) throw new KustomizeSubsetError(`${file}: ${document.errors[0].message}`);
    const value = document.toJS() as unknown;
    return value === null ? [] : [value];
  });
}

/** `Kind/name` of an object, as kustomize identifies a patch's target (without a namespace). */
export function objectId(object: KubernetesObject): string {
  return `${object.apiVersion}/${object.kind}/${object.metadata?.name}`;
}

/** Module-private: the image fields of a pod spec. */
interface PodSpecImages {
  containers?: { image: string }[];
  initContainers?: { image: string }[];
}

/** Module-private: one `images` entry. */
interface ImageOverride {
  readonly name: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
}

/** Module-private: `image` with the override applied when its name (without tag or digest) is `name`. */
function replaceImage(image: string, override: ImageOverride): string {
  const [withTag, digest] = image.split('@');
  const colon = withTag.lastIndexOf(':');
  const hasTag = colon > withTag.lastIndexOf('/');
  const name = hasTag ? withTag.slice(0, colon) : withTag;
  if (name !== override.name) return image;
  const tag = hasTag ? withTag.slice(colon + 1) : undefined;
  const newName = override.newName ?? name;
  if (override.digest !== undefined) return `${newName}@${override.digest}`;
  if (override.newTag !== undefined) return `${newName}:${override.newTag}`;
  return `${newName}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
}

/**
 * Module-private: a strategic merge patch without lists: maps merge key by key, a scalar replaces,
 * `null` deletes the key. A list may only appear where the target has no value yet (it is then set
 * as is, as kustomize does); `$patch` and the other directives are refused.
 */
function strategicMerge(target: unknown, patch: unknown, where: string, path = ''): unknown {
  if (isMap(patch) && isMap(target)) {
    const result: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith('$')) throw new KustomizeSubsetError(`${where}: the directive ${path}/${key} is not in the rendered subset`);
      if (value === null) delete result[key];
      else result[key] = key in target ? strategicMerge(target[key], value, where, `${path}/${key}`) : value;
    }
    return result;
  }
  if (Array.isArray(patch)) throw new KustomizeSubsetError(`${where}: ${path} is a list; lists merge by a per-field key in kustomize, not rendered here`);
  return patch;
}

/** Module-private. */
function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Module-private: a kustomization field that must be a list when present. */
function asList<T>(value: unknown, file: string, field: string): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KustomizeSubsetError(`${file}: ${field} must be a list`);
  return value as T[];
}
