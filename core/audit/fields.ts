import type { AuditField } from "../db/entities/audit-entry";

/**
 * What an audit entry may show of an item. Three rules, each enough on its own to keep a secret out:
 *
 * 1. Allow-list: only the attributes the item's ElectroDB entity declares are considered. Keys, index keys,
 *    ElectroDB's own markers and the audit stamps never are, nor anything written outside the entity's schema.
 * 2. Deny-list by name: an attribute whose name speaks of a secret (password, hash, token, secret, signature,
 *    credential, private key, salt, OTP) is shown as changed, `redacted`, without its values.
 * 3. Deny-list by value: a value that carries a presigned URL's signature, a JWT or a private key is redacted the same
 *    way, whatever its attribute is called.
 *
 * Whole entities are never audited where every write is a session, not an admin's action: refresh tokens and their
 * families (keyed by a token's hash), sign-in throttling (keyed by an IP address), and the audit entries themselves.
 */
export const NEVER_AUDITED_ENTITIES: ReadonlySet<string> = new Set(["refresh_token", "refresh_family", "login_attempt", "audit_entry"]);

const SECRET_NAME = /password|passwd|secret|token|hash|salt|signature|credential|private|api_?key|otp/i;

const SECRET_VALUE = [
  // A presigned URL (SigV4 query or form), or any URL carrying a signature or token parameter.
  /X-Amz-(Signature|Credential|Security-Token)/i,
  /[?&](signature|sig|token|access_token)=/i,
  // A JWT: three base64url parts, the first two JSON objects ("eyJ").
  /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]*/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

/** A value's JSON longer than this is clipped: an entry holds the old and the new value of every field, under DynamoDB's 400 KB. */
export const MAX_VALUE_CHARS = 2000;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

/** JSON with object keys sorted: two equal values always read the same, whatever order their map came in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : inner,
  );
}

/** Stream images unmarshalled: DynamoDB sets become sorted arrays, so they compare, print and store as JSON. */
export function plain(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(plain).sort();
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  return value;
}

function clip(value: unknown): { value: unknown; truncated: boolean } {
  if (value === undefined || value === null) return { value: null, truncated: false };
  if (canonical(value).length <= MAX_VALUE_CHARS) return { value, truncated: false };
  if (typeof value === "string") return { value: value.slice(0, MAX_VALUE_CHARS), truncated: true };
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const item of value) {
      if (canonical([...kept, item]).length > MAX_VALUE_CHARS) break;
      kept.push(item);
    }
    return { value: kept, truncated: true };
  }
  return { value: null, truncated: true };
}

const looksSecret = (value: unknown): boolean => {
  if (value === undefined || value === null) return false;
  const text = typeof value === "string" ? value : canonical(value);
  return SECRET_VALUE.some((pattern) => pattern.test(text));
};

/**
 * The fields of a change: each allowed attribute whose value differs between the two images (an absent image is a
 * creation or a deletion), in the entity's declaration order.
 */
export function changedFields(attributes: readonly { name: string; field: string }[], before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): AuditField[] {
  const fields: AuditField[] = [];
  for (const { name, field } of attributes) {
    const old = before?.[field];
    const now = after?.[field];
    if (canonical(old ?? null) === canonical(now ?? null)) continue;
    if (isSecretName(name) || looksSecret(old) || looksSecret(now)) {
      fields.push({ name, old: null, new: null, redacted: true });
      continue;
    }
    const clippedOld = clip(old);
    const clippedNew = clip(now);
    fields.push({ name, old: clippedOld.value, new: clippedNew.value, ...(clippedOld.truncated || clippedNew.truncated ? { truncated: true as const } : {}) });
  }
  return fields;
}
