// Random strings matching a JSON Schema `pattern`, for the API fuzzer. Covers
// the regular-expression subset the contracts' schemas use: anchors, groups
// ((…), (?:…)), alternation, character classes (ranges, negation, \d \w \s,
// \xHH escapes), `.`, and the quantifiers ? * + {n} {n,} {n,m}. Anything else
// throws, so a new kind of pattern fails the fuzzer loudly instead of being
// fuzzed wrongly.
import type { Rng } from "./fuzz-rng";

type Node =
  | { kind: "alt"; options: Node[] }
  | { kind: "seq"; items: Node[] }
  | { kind: "set"; chars: string[] }
  | { kind: "repeat"; node: Node; min: number; max: number };

const PRINTABLE = Array.from({ length: 95 }, (_, index) => String.fromCharCode(0x20 + index));
const DIGITS = [..."0123456789"];
const WORD = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"];
const SPACE = [" ", "\t", "\n", "\r", "\u000b", "\f"];
// what a negated class or `.` draws from besides printable ASCII
const EXTRA = ["é", "ß", "中", "😀", "\u00a0", "\u200b"];
/** Unbounded quantifiers (* + {n,}) repeat at most this many extra times. */
const OPEN_MAX = 6;

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at !== this.source.length) this.fail("unexpected )");
    return node;
  }

  private fail(message: string): never {
    throw new Error(`fuzz-regex: ${message} at ${this.at} in /${this.source}/`);
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === "|") {
      this.at += 1;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let char = this.peek(); char !== undefined && char !== "|" && char !== ")"; char = this.peek()) {
      if (char === "^" || char === "$") {
        // anchors: the generated string is the whole match anyway
        this.at += 1;
        continue;
      }
      items.push(this.quantified(this.atom()));
    }
    return { kind: "seq", items };
  }

  private atom(): Node {
    const char = this.source[this.at++]!;
    if (char === "(") {
      if (this.source.startsWith("?:", this.at)) this.at += 2;
      else if (this.peek() === "?") this.fail("lookarounds and named groups are not supported");
      const inner = this.alternation();
      if (this.source[this.at++] !== ")") this.fail("missing )");
      return inner;
    }
    if (char === "[") return this.charClass();
    if (char === ".") return { kind: "set", chars: [...PRINTABLE, ...EXTRA] };
    if (char === "\\") return { kind: "set", chars: this.escape() };
    if ("*+?{".includes(char)) this.fail(`dangling quantifier ${char}`);
    return { kind: "set", chars: [char] };
  }

  /** The characters an escape stands for (after the backslash). */
  private escape(): string[] {
    const char = this.source[this.at++];
    if (char === undefined) this.fail("trailing backslash");
    if (char === "d") return DIGITS;
    if (char === "w") return WORD;
    if (char === "s") return SPACE;
    if (char === "D" || char === "W" || char === "S") {
      const excluded = new Set(char === "D" ? DIGITS : char === "W" ? WORD : SPACE);
      return PRINTABLE.filter((candidate) => !excluded.has(candidate));
    }
    if (char === "x") {
      const hex = this.source.slice(this.at, this.at + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) this.fail("bad \\x escape");
      this.at += 2;
      return [String.fromCharCode(parseInt(hex, 16))];
    }
    if (char === "u") {
      const hex = this.source.slice(this.at, this.at + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("bad \\u escape");
      this.at += 4;
      return [String.fromCharCode(parseInt(hex, 16))];
    }
    if (char === "n") return ["\n"];
    if (char === "t") return ["\t"];
    if (char === "r") return ["\r"];
    if (/[A-Za-z0-9]/.test(char)) this.fail(`unsupported escape \\${char}`);
    return [char];
  }

  private charClass(): Node {
    const negated = this.peek() === "^";
    if (negated) this.at += 1;
    const members = new Set<string>();
    let first = true;
    for (;;) {
      const char = this.source[this.at++];
      if (char === undefined) this.fail("missing ]");
      if (char === "]" && !first) break;
      first = false;
      const from = char === "\\" ? this.escape() : [char];
      // a range a-z (a trailing - is a literal)
      if (from.length === 1 && this.peek() === "-" && this.source[this.at + 1] !== "]" && this.source[this.at + 1] !== undefined) {
        this.at += 1;
        const endChar = this.source[this.at++]!;
        const to = endChar === "\\" ? this.escape() : [endChar];
        if (to.length !== 1) this.fail("bad range");
        for (let code = from[0]!.charCodeAt(0); code <= to[0]!.charCodeAt(0); code += 1) members.add(String.fromCharCode(code));
        continue;
      }
      for (const member of from) members.add(member);
    }
    const chars = negated ? [...PRINTABLE, ...EXTRA].filter((candidate) => !members.has(candidate)) : [...members];
    if (chars.length === 0) this.fail("empty class");
    return { kind: "set", chars };
  }

  private quantified(node: Node): Node {
    const char = this.peek();
    let min: number;
    let max: number;
    if (char === "?") [min, max] = [0, 1];
    else if (char === "*") [min, max] = [0, OPEN_MAX];
    else if (char === "+") [min, max] = [1, 1 + OPEN_MAX];
    else if (char === "{") {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!match) return node;
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === "" ? min + OPEN_MAX : Number(match[3]);
      this.at += match[0].length - 1;
    } else return node;
    this.at += 1;
    if (this.peek() === "?") this.at += 1; // lazy: same strings
    return { kind: "repeat", node, min, max };
  }
}

const cache = new Map<string, Node>();

/** extreme: the longest repeats of the highest characters ("9999999999999999999" for \d{1,19}: past 2^63). */
function generate(node: Node, rng: Rng, out: string[], extreme: boolean): void {
  if (node.kind === "set") out.push(extreme ? node.chars.reduce((a, b) => (b > a ? b : a)) : rng.pick(node.chars));
  else if (node.kind === "seq") for (const item of node.items) generate(item, rng, out, extreme);
  else if (node.kind === "alt") generate(rng.pick(node.options), rng, out, extreme);
  else {
    // lengths at the bounds are the interesting ones
    const count = extreme ? node.max : rng.chance(0.3) ? rng.pick([node.min, node.max]) : rng.between(node.min, node.max);
    for (let index = 0; index < count; index += 1) generate(node.node, rng, out, extreme);
  }
}

/** A random string that `new RegExp(pattern)` matches (checked; throws when the subset was not enough). */
export function stringMatching(pattern: string, rng: Rng): string {
  let node = cache.get(pattern);
  if (!node) {
    node = new Parser(pattern).parse();
    cache.set(pattern, node);
  }
  const regex = new RegExp(pattern);
  const extreme = rng.chance(0.1);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const out: string[] = [];
    generate(node, rng, out, extreme && attempt < 10);
    const value = out.join("");
    if (regex.test(value)) return value;
  }
  throw new Error(`fuzz-regex: could not generate a match for /${pattern}/`);
}
