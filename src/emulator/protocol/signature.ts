import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { WireRequest } from './protocol';
import { ServiceError } from './serviceError';

/**
 * SigV4 as the emulator reads it: the credential scope of the `Authorization` header names the
 * caller (access key ID → account), the region and the signing service; optionally the
 * signature itself is verified against configured secrets.
 */

/** The parts of a SigV4 `Authorization` header the emulator uses. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Account used when the access key ID is not itself a 12-digit account ID. */
export const DEFAULT_ACCOUNT_ID = '123456789012';
/** Region used when the request carries no credential scope. */
export const DEFAULT_REGION = 'us-east-1';

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(headers: IncomingHttpHeaders): SigV4Authorization | undefined {
  const match = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/.exec(String(headers.authorization ?? ''));
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** The account a request acts in: the access key ID when it is 12 digits, else the default account. */
export function accountOf(auth: SigV4Authorization | undefined): string {
  return auth && /^\d{12}$/.test(auth.accessKeyId) ? auth.accessKeyId : DEFAULT_ACCOUNT_ID;
}

/**
 * Verifies the request's signature with the caller's configured secret by signing the same
 * canonical request again; throws the error AWS answers (seed 003 "Common Errors").
 */
export async function verifySignature(request: WireRequest, credentials: Readonly<Record<string, string>>): Promise<void> {
  const auth = parseAuthorization(request.headers);
  if (!auth) throw new ServiceError('IncompleteSignature', `Authorization header must be AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…; got ${JSON.stringify(request.headers.authorization ?? null)}`);
  const secret = credentials[auth.accessKeyId];
  if (secret === undefined) throw new ServiceError('InvalidClientTokenId', `The security token included in the request is invalid: unknown access key ID ${auth.accessKeyId}`);
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const signingDate = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!signingDate) throw new ServiceError('IncompleteSignature', `X-Amz-Date must be YYYYMMDDTHHMMSSZ; got ${JSON.stringify(amzDate)}`);
  const [, y, mo, d, h, mi, s] = signingDate;
  const signer = new SignatureV4({ credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: secret }, region: auth.region, service: auth.service, sha256: NodeSha256 });
  const headers = Object.fromEntries(auth.signedHeaders.map((name) => [name, String(request.headers[name] ?? '')]));
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: String(request.headers.host ?? ''), path: request.path, query: parseQuery(request.query), headers, body: request.body.toString('utf8') },
    { signingDate: new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`) },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? '';
  if (expected.length !== auth.signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))) {
    throw new ServiceError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
}

/** Module-private: the decoded query as the signer wants it (repeated keys as lists). */
function parseQuery(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const [rawKey, rawValue = ''] = pair.split(/=(.*)/s);
    const [key, value] = [safeDecode(rawKey), safeDecode(rawValue)];
    const existing = out[key];
    out[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return out;
}

/** Module-private: a malformed escape stays as sent, so the signatures simply differ. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Module-private: the `Checksum` the signer needs, on node:crypto (hash, or HMAC with a secret). */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key = secret === undefined || typeof secret === 'string' ? secret : ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength) : new Uint8Array(secret);
    this.hash = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error('NodeSha256 is single-use');
  }
}
