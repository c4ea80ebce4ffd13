// Body mutations for the API fuzzer's invalid requests (fuzz-requests.ts):
// one change to a schema-valid body — a value of the wrong type, a required
// field dropped, an unknown or prototype key (__proto__, constructor), an odd
// or over-long string, a number out of range, an array past maxItems, deep
// nesting, a body that is not an object, text that is not JSON, bytes that are
// not UTF-8, a body over the size limit, the wrong content type, or none.
import { ODD_NUMBERS, ODD_STRINGS, PROTO_KEYS, anyJson, validValue, wrongType, type Gen, type Schema } from "./fuzz-schema";
import type { FuzzCase } from "./fuzz-requests";

type Slot = { schema: Schema; get: () => unknown; set: (value: unknown) => void; remove?: () => void; key?: string };

/** The schema branch that describes `value` (anyOf/oneOf), or the schema itself. */
function branchFor(schema: Schema, value: unknown): Schema {
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (!branches) return schema;
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;
  const constMatch = branches.find((branch) => {
    const decision = (branch.properties as Record<string, Schema> | undefined)?.decision;
    return decision && typeof value === "object" && value !== null && (value as Record<string, unknown>).decision === decision.const;
  });
  return constMatch ?? branches.find((branch) => branch.type === kind || (kind === "integer" && branch.type === "number")) ?? branches[0]!;
}

/** Every place in the body that a mutation can change, with the schema that describes it. */
function slots(root: { value: unknown }, schema: Schema): Slot[] {
  const out: Slot[] = [];
  const walk = (get: () => unknown, set: (value: unknown) => void, nodeSchema: Schema, depth: number, remove?: () => void, key?: string) => {
    const value = get();
    const effective = branchFor(nodeSchema, value);
    out.push({ schema: effective, get, set, remove, key });
    if (depth > 6) return;
    if (Array.isArray(value)) {
      value.slice(0, 20).forEach((_, index) =>
        walk(
          () => value[index],
          (next) => (value[index] = next),
          (effective.items ?? {}) as Schema,
          depth + 1,
          () => value.splice(index, 1),
        ),
      );
    } else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      const properties = (effective.properties ?? {}) as Record<string, Schema>;
      for (const name of Object.keys(record)) {
        const additional = effective.additionalProperties;
        const child = properties[name] ?? (typeof additional === "object" ? (additional as Schema) : {});
        walk(
          () => record[name],
          (next) => (record[name] = next),
          child,
          depth + 1,
          () => delete record[name],
          name,
        );
      }
    }
  };
  walk(
    () => root.value,
    (next) => (root.value = next),
    schema,
    0,
  );
  return out;
}

/** Defines an own, enumerable key (so "__proto__" is a key, not a prototype change) that JSON.stringify writes. */
function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function mutateBody(c: FuzzCase, schema: Schema, g: Gen, maxBodyBytes: number): void {
  const { rng } = g;
  const root = { value: c.body.kind === "json" ? c.body.value : {} };
  const all = slots(root, schema);
  const of = (test: (value: unknown) => boolean) => all.filter((slot) => test(slot.get()));
  const strings = of((value) => typeof value === "string");
  const numbers = of((value) => typeof value === "number");
  const arrays = of(Array.isArray);
  const objects = of((value) => typeof value === "object" && value !== null && !Array.isArray(value));
  let op = rng.int(14);
  // a mutation that needs a kind of value the body does not have becomes a type change
  if ((op === 4 || op === 5) && !strings.length) op = 0;
  if (op === 6 && !numbers.length) op = 0;
  if (op === 7 && !arrays.length) op = 0;
  c.labels.push(`body:${op}`);
  const raw = (text: string) => {
    c.body = { kind: "raw", text };
  };
  switch (op) {
    case 0:
    case 1: {
      const slot = rng.pick(all);
      slot.set(wrongType(slot.schema, g));
      break;
    }
    case 2: {
      // drop a required field (or any field)
      const withRequired = objects.filter((slot) => ((slot.schema.required as string[] | undefined) ?? []).some((name) => name in (slot.get() as object)));
      if (withRequired.length) {
        const slot = rng.pick(withRequired);
        const present = (slot.schema.required as string[]).filter((name) => name in (slot.get() as object));
        delete (slot.get() as Record<string, unknown>)[rng.pick(present)];
      } else rng.pick(all).remove?.();
      break;
    }
    case 3: {
      let target: Record<string, unknown>;
      if (objects.length) target = rng.pick(objects).get() as Record<string, unknown>;
      else root.value = target = {};
      const key = rng.chance(0.6) ? rng.pick(PROTO_KEYS) : rng.pick(["", " ", "a.b", "é", "\u0000", "x".repeat(300), "$where", "0"]);
      defineKey(target, key, rng.chance(0.5) ? { isAdmin: true, polluted: true } : anyJson(g));
      break;
    }
    case 4:
      rng.pick(strings).set(rng.pick(ODD_STRINGS));
      break;
    case 5: {
      // just past maxLength, or short of minLength
      const slot = rng.pick(strings);
      const max = typeof slot.schema.maxLength === "number" ? slot.schema.maxLength : 1000;
      const min = typeof slot.schema.minLength === "number" ? slot.schema.minLength : 0;
      slot.set(min > 0 && rng.chance(0.3) ? "x".repeat(min - 1) : rng.pick(["x", "é", "😀", "\u0000"]).repeat(max + 1));
      break;
    }
    case 6: {
      const slot = rng.pick(numbers);
      const min = typeof slot.schema.minimum === "number" ? slot.schema.minimum : 0;
      const max = typeof slot.schema.maximum === "number" ? slot.schema.maximum : 0;
      slot.set(rng.pick([min - 1, max + 1, ...ODD_NUMBERS]));
      break;
    }
    case 7: {
      const slot = rng.pick(arrays);
      const items = slot.get() as unknown[];
      const max = typeof slot.schema.maxItems === "number" ? slot.schema.maxItems : 100;
      const filler = items[0] ?? validValue((slot.schema.items ?? {}) as Schema, g);
      slot.set(rng.chance(0.3) ? [] : Array.from({ length: Math.min(max + 1, 5001) }, () => filler));
      break;
    }
    case 8: {
      // deep nesting in place of a value (a recursive walk over it would overflow the stack)
      const marker = "\u0001deep\u0001";
      rng.pick(all).set(marker);
      const nested = rng.pick([100, 5_000, 50_000]);
      raw(JSON.stringify(root.value).replace(JSON.stringify(marker), rng.chance(0.5) ? "[".repeat(nested) + "]".repeat(nested) : '{"a":'.repeat(nested) + "1" + "}".repeat(nested)));
      c.labels.push("deep");
      return;
    }
    case 9:
      root.value = rng.pick([null, [], "x", 1, true, [root.value], 1e308]);
      break;
    case 10: {
      const text = JSON.stringify(root.value) ?? "null";
      raw(
        rng.pick([
          text.slice(0, rng.int(text.length)),
          `${text}}`,
          `${text} trailing`,
          `\ufeff${text}`,
          text.replace(/:/, ": /* comment */"),
          text.replace(/"/g, "'"),
          text.replace(/\d+/, "1e999"),
          text.replace(/\d+/, "-1e999"),
          text.replace(/\d+/, "123456789012345678901234567890"),
          text.replace(/\}$/, ',"__proto__":{"polluted":true}}'),
          text.replace(/^\{/, '{"constructor":{"prototype":{"polluted":true}},'),
          "{",
          "nul\u0000l",
          rng.bytes(rng.int(200)).toString("latin1"),
        ]),
      );
      c.labels.push("raw");
      // bytes that are not UTF-8 (invalid starts, an overlong NUL, a UTF-8-encoded surrogate) inside a string
      if (rng.chance(0.3)) {
        const bad = rng.pick([[0xff, 0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80]]);
        const at = text.indexOf('"');
        const [head, tail] = at >= 0 ? [text.slice(0, at + 1), text.slice(at + 1)] : ['"', '"'];
        c.body = { kind: "bytes", data: Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from(tail)]) };
        c.labels.push("bytes");
      }
      return;
    }
    case 11:
      // over WARDEN_MAX_BODY_BYTES
      raw(JSON.stringify({ pad: "a".repeat(maxBodyBytes + 1 - 10 + rng.int(20)) }));
      c.labels.push("oversize");
      return;
    case 12:
      c.contentType = rng.pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx", "application/json; charset=utf-16", "APPLICATION/JSON", "application/merge-patch+json", "application/xml", "*/*"]) || null;
      c.labels.push(`type:${c.contentType}`);
      break;
    default:
      // an empty body, with or without a content type
      raw(rng.pick(["", " ", "\n"]));
      c.contentType = rng.chance(0.5) ? "application/json" : null;
      return;
  }
  c.body = { kind: "json", value: root.value };
}
