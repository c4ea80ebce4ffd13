// Text that a database cannot store: PostgreSQL refuses U+0000 in text and
// JSON, and a lone UTF-16 surrogate (only a JSON \uD800-style escape can make
// one) in JSON. The management API refuses both at the door, on both
// databases alike, instead of failing later with a database error (a 500) on
// one of them. Found by tests/integration/api-fuzz.test.ts.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain NUL characters";
  if (LONE_SURROGATE.test(text)) return "must not contain unpaired surrogates (\\uD800–\\uDFFF alone)";
  return null;
}

type Node = { value: unknown; key: string | null; parent: Node | null };

const pathOf = (node: Node): string[] => {
  const path: string[] = [];
  for (let at: Node | null = node; at && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
};

/**
 * The first string (value or object key) in a parsed JSON value, query or
 * path that cannot be stored, with where it is; null when there is none.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function unstorableText(value: unknown): { path: string[]; message: string } | null {
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node.value === "string") {
      const problem = textProblem(node.value);
      if (problem) return { path: pathOf(node), message: problem };
    } else if (node.value !== null && typeof node.value === "object") {
      for (const [key, child] of Object.entries(node.value)) {
        const problem = textProblem(key);
        if (problem) return { path: [...pathOf(node), key], message: `the field name ${problem}` };
        stack.push({ value: child, key, parent: node });
      }
    }
  }
  return null;
}
