// Values for the API fuzzer, derived from the JSON Schemas of the OpenAPI
// document (draft 2020-12, as zod's toJSONSchema writes them): schema-valid
// values (types, enums, consts, patterns, formats, length, item and numeric
// bounds, required and optional properties, anyOf/oneOf branches, records) and
// a vocabulary of hostile ones (wrong types, odd strings, huge numbers,
// prototype keys). Ids that a pattern describes (`^usr_[0-9a-z]{26}$`) are
// drawn from the ids the fuzzer has seen in answers, so valid requests reach
// real objects, not only 404s. Domain knowledge (safe URLs, JWKs) comes in
// through `hint`, so this file stays generic.
import type { Rng } from "./fuzz-rng";
import { stringMatching } from "./fuzz-regex";

export type Schema = Record<string, unknown>;

/**
 * Ids seen so far, by prefix ("usr", "srv", …), oldest first, and which ids
 * appeared together in one object (a tool and its serverId, a key and its
 * identityId), so a request that names a server picks that server's tools.
 */
export class IdPool {
  private readonly byPrefix = new Map<string, string[]>();
  private readonly companions = new Map<string, Set<string>>();
  private static readonly ID = /^([a-z]{3,4})_[0-9a-z]{26}$/;

  add(id: string): void {
    const prefix = IdPool.ID.exec(id)?.[1];
    if (!prefix) return;
    const ids = this.byPrefix.get(prefix) ?? [];
    if (!ids.includes(id)) ids.push(id);
    this.byPrefix.set(prefix, ids);
  }

  /** Every id anywhere in a parsed JSON answer (or a database row). */
  harvest(value: unknown, depth = 0): void {
    if (depth > 8) return;
    if (typeof value === "string") this.add(value);
    else if (Array.isArray(value)) for (const item of value.slice(0, 200)) this.harvest(item, depth + 1);
    else if (value && typeof value === "object") {
      const together = Object.values(value).filter((item): item is string => typeof item === "string" && IdPool.ID.test(item));
      for (const id of together) for (const other of together) if (id !== other) this.companions.set(id, (this.companions.get(id) ?? new Set()).add(other));
      for (const item of Object.values(value)) this.harvest(item, depth + 1);
    }
  }

  /**
   * A known id with one of these prefixes (null: any prefix of `length`
   * letters), preferably one that appeared with an id the request already
   * names; undefined when none is known.
   */
  pick(g: Gen, prefixes: string[] | null, length = 3): string | undefined {
    let candidates = (prefixes ? prefixes.flatMap((prefix) => this.byPrefix.get(prefix) ?? []) : [...this.byPrefix.entries()].filter(([prefix]) => prefix.length === length).flatMap(([, ids]) => ids)).filter((id) => !g.exclude.has(id));
    if (g.chosen.length && g.rng.chance(0.85)) {
      const linked = candidates.filter((id) => g.chosen.some((chosen) => this.companions.get(chosen)?.has(id)));
      if (linked.length) candidates = linked;
    }
    if (!candidates.length) return undefined;
    const id = g.rng.pick(candidates);
    g.chosen.push(id);
    return id;
  }

  size(): number {
    return [...this.byPrefix.values()].reduce((sum, ids) => sum + ids.length, 0);
  }
}

export type Hint = (name: string | undefined, schema: Schema, g: Gen) => { value: unknown } | undefined;
/** One request's generator state: `chosen` are the known ids it names so far, `exclude` ids it must not name. */
export type Gen = { rng: Rng; ids: IdPool; hint: Hint; now: number; chosen: string[]; exclude: ReadonlySet<string> };

const ID_PATTERN = /^\^(?:\(([a-z]+(?:\|[a-z]+)*)\)|([a-z]+))_\[0-9a-z\]\{26\}\$$/;
const ANY_ID_PATTERN = /^\^\[a-z\]\{(\d)\}_\[0-9a-z\]\{26\}\$$/;

/** The id prefixes a pattern describes: ["srv","agt"], null for "any prefix", undefined when it is not an id pattern. */
export function idPrefixes(pattern: string): { prefixes: string[] | null; length: number } | undefined {
  const match = ID_PATTERN.exec(pattern);
  if (match) return { prefixes: (match[1] ?? match[2]!).split("|"), length: 3 };
  const any = ANY_ID_PATTERN.exec(pattern);
  if (any) return { prefixes: null, length: Number(any[1]) };
  return undefined;
}

// Characters for strings without a pattern: plain, printable, unicode (astral,
// combining, bidi, zero-width, non-characters) and controls (NUL included: the
// schemas allow it, PostgreSQL cannot store it, so the server must refuse it).
const PLAIN = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_."];
const PRINTABLE = Array.from({ length: 95 }, (_, index) => String.fromCharCode(0x20 + index));
const UNICODE = ["é", "ß", "Ω", "中", "文", "😀", "👩‍💻", "𝕏", "\u0301", "\u202e", "\u200b", "\ufeff", "\u00a0", "\u2028", "\ufffd", "\uffff", "ﷺ", "ｱ", "İ", "ǅ"];
const CONTROL = ["\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085"];
export const ODD_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202eevil",
  "😀".repeat(40),
  "null",
  "undefined",
  "true",
  "0",
  "-1",
  "NaN",
  "1e999",
  "__proto__",
  "constructor",
  "' OR 1=1 --",
  "\"; DROP TABLE \"User\"; --",
  "%00",
  "%ff",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "${jndi:ldap://127.0.0.1:9/x}",
  "{{7*7}}",
  "\r\nX-Injected: 1",
  "\\",
  "a".repeat(70_000),
];
export const ODD_NUMBERS = [0, -0, -1, 1, 0.5, -0.5, 1e-300, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 63, 1e21, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE];
export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "isAdmin"];

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === "string") return [schema.type];
  return [];
}

function lengthIn(g: Gen, min: number, max: number): number {
  const roll = g.rng.next();
  if (roll < 0.15) return min;
  if (roll < 0.22) return Math.min(max, 4096); // the bound itself (long ones cost time and body size: capped)
  return Math.min(max, min + g.rng.int(Math.max(1, Math.min(24, max - min + 1))));
}

export function randomString(g: Gen, min: number, max: number): string {
  const length = lengthIn(g, min, max);
  const alphabet = g.rng.chance(0.6) ? PLAIN : g.rng.chance(0.4) ? PRINTABLE : g.rng.chance(0.7) ? [...PLAIN, ...UNICODE] : [...PLAIN, ...CONTROL];
  let out = "";
  while (out.length < length) {
    const char = g.rng.pick(alphabet);
    out += out.length + char.length <= length ? char : "x";
  }
  return out;
}

function isoNearNow(g: Gen): string {
  // mostly ahead (expiries and due dates must lie in the future), sometimes behind
  const date = new Date(g.now + (g.rng.int(500) - 100) * 86_400_000 + g.rng.int(86_400_000));
  const iso = date.toISOString();
  return g.rng.pick([iso, iso.replace(/\.\d{3}/, ""), iso.replace("Z", "+02:00"), iso.replace(/\.\d{3}Z/, ".123456789Z")]);
}

function stringValue(schema: Schema, g: Gen): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : 64;
  if (typeof schema.pattern === "string") {
    const ids = idPrefixes(schema.pattern);
    if (ids && g.rng.chance(0.75)) {
      const known = g.ids.pick(g, ids.prefixes, ids.length);
      if (known) return known;
    }
    if (schema.format === "date-time" && g.rng.chance(0.6)) return isoNearNow(g);
    const value = stringMatching(schema.pattern, g.rng);
    return value.length > max ? value.slice(0, max) : value;
  }
  if (schema.format === "date-time") return isoNearNow(g);
  return randomString(g, min, max);
}

function integerValue(schema: Schema, g: Gen): number {
  const min = typeof schema.minimum === "number" ? schema.minimum : -(2 ** 31);
  const max = typeof schema.maximum === "number" ? schema.maximum : 2 ** 31;
  const roll = g.rng.next();
  if (roll < 0.2) return min;
  if (roll < 0.35) return max;
  if (roll < 0.7) return Math.min(max, min + g.rng.int(10));
  return min + Math.floor(g.rng.next() * (max - min + 1));
}

function anyJson(g: Gen, depth = 0): unknown {
  switch (g.rng.int(depth > 2 ? 4 : 6)) {
    case 0:
      return g.rng.chance(0.3) ? g.rng.pick(ODD_STRINGS.slice(0, -1)) : randomString(g, 0, 20);
    case 1:
      return g.rng.pick(ODD_NUMBERS);
    case 2:
      return g.rng.pick([null, true, false]);
    case 3:
      return g.rng.pick(["", [], {}]);
    case 4:
      return Array.from({ length: g.rng.int(4) }, () => anyJson(g, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: g.rng.int(4) }, () => [g.rng.chance(0.2) ? g.rng.pick(PROTO_KEYS) : randomString(g, 1, 10), anyJson(g, depth + 1)]));
  }
}

/** A value the schema accepts (as far as JSON Schema can tell: zod refinements may still refuse it). */
export function validValue(schema: Schema, g: Gen, name?: string, depth = 0): unknown {
  const hinted = g.hint(name, schema, g);
  if (hinted) return hinted.value;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return g.rng.pick(schema.enum as unknown[]);
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) return validValue(g.rng.pick(branches), g, name, depth);
  const types = typesOf(schema);
  const type = types.length ? g.rng.pick(types) : undefined;
  if (type === "string") return stringValue(schema, g);
  if (type === "integer") return integerValue(schema, g);
  if (type === "number") return integerValue(schema, g) + (g.rng.chance(0.5) ? g.rng.next() : 0);
  if (type === "boolean") return g.rng.chance(0.5);
  if (type === "null") return null;
  if (type === "array") {
    const items = (schema.items ?? {}) as Schema;
    const min = typeof schema.minItems === "number" ? schema.minItems : 0;
    const max = Math.min(typeof schema.maxItems === "number" ? schema.maxItems : 10, depth > 2 ? 3 : 40);
    const length = g.rng.chance(0.1) ? max : Math.min(max, min + g.rng.int(4));
    return Array.from({ length }, () => validValue(items, g, name, depth + 1));
  }
  if (type === "object" || schema.properties) return objectValue(schema, g, depth);
  // no type: anything
  return anyJson(g, depth);
}

function objectValue(schema: Schema, g: Gen, depth: number): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const out: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    if (required.has(key) || g.rng.chance(0.55)) out[key] = validValue(property, g, key, depth + 1);
  }
  const additional = schema.additionalProperties;
  if (additional !== false && additional !== undefined && g.rng.chance(0.5)) {
    const names = (schema.propertyNames ?? { type: "string", minLength: 1, maxLength: 12 }) as Schema;
    for (let count = g.rng.int(4); count > 0; count -= 1) {
      const key = String(validValue(names, g, undefined, depth + 1));
      if (!(key in properties)) out[key] = validValue(additional === true ? {} : (additional as Schema), g, key, depth + 1);
    }
  }
  return out;
}

/** A value of another JSON type than the schema wants. */
export function wrongType(schema: Schema, g: Gen): unknown {
  const types = new Set(typesOf(schema));
  const candidates: unknown[] = [];
  if (!types.has("string")) candidates.push(g.rng.pick(ODD_STRINGS.slice(0, -1)), "1", "true");
  if (!types.has("integer") && !types.has("number")) candidates.push(g.rng.pick(ODD_NUMBERS));
  if (types.has("integer")) candidates.push(1.5, 2 ** 53 + 2, 1e308, -1e308);
  if (!types.has("boolean")) candidates.push(g.rng.chance(0.5));
  if (!types.has("null")) candidates.push(null);
  if (!types.has("array")) candidates.push([], [validValue(schema, g)]);
  if (!types.has("object")) candidates.push({}, { [g.rng.pick(PROTO_KEYS)]: { isAdmin: true } });
  return g.rng.pick(candidates);
}

export { anyJson };
