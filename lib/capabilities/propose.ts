// Capability tags proposed for a tool from what its server reports: the MCP
// behaviour annotations and the words of its name, title and description. Pure
// (no I/O) so the rules are unit-tested and documented in one place
// (docs/separation-of-duties.md). Proposals are suggestions an owner approves or
// rejects; they never count in toxic-combination checks.
import { proposeTier, type Annotations, type ToolTier } from "@/lib/catalog/tiers";

export const BUILTIN_TAGS = ["reads-private-data", "untrusted-input", "external-communication", "writes-production", "handles-credentials"] as const;
export type BuiltinTag = (typeof BUILTIN_TAGS)[number];

export type ProposalSource = "annotation" | "description";
export type TagProposal = { tag: BuiltinTag; source: ProposalSource; reason: string };

export type ProposalInput = {
  name: string;
  title?: string | null;
  description?: string | null;
  annotations?: Annotations | null;
  /** the server's environment: only production servers get writes-production */
  production: boolean;
};

// Words and phrases, matched as whole words of the lower-cased text.
const READING = ["read", "reads", "get", "gets", "list", "lists", "search", "searches", "fetch", "fetches", "query", "queries", "view", "open", "retrieve", "retrieves", "find", "lookup", "look up", "show", "export", "summarize", "summarise"];
const PRIVATE_OBJECTS = [
  "customer", "customers", "database", "databases", "db", "sql", "table", "tables", "record", "records", "file", "files", "document", "documents", "doc", "docs",
  "mail", "email", "emails", "inbox", "message", "messages", "crm", "contact", "contacts", "invoice", "invoices", "account", "accounts", "repository", "repositories",
  "repo", "repos", "source code", "private", "internal", "calendar", "drive", "patient", "patients", "employee", "employees", "payroll", "ticket", "tickets",
];
const UNTRUSTED_SOURCES = ["fetch", "fetches", "browse", "browser", "browsing", "web", "webpage", "web page", "website", "url", "urls", "scrape", "scrapes", "crawl", "crawls", "search", "searches", "inbox", "rss", "feed", "feeds", "download", "downloads"];
const OUTSIDE_CONTENT = ["issue", "issues", "ticket", "tickets", "email", "emails", "mail", "message", "messages", "comment", "comments", "pull request", "pull requests", "review", "reviews"];
const SENDING = [
  "send", "sends", "sending", "post", "posts", "posting", "publish", "publishes", "webhook", "webhooks", "upload", "uploads", "uploading", "http", "https",
  "tweet", "sms", "reply", "replies", "forward", "forwards", "notify", "notifies", "share", "shares", "outbound", "smtp",
];
const CREDENTIALS = [
  "secret", "secrets", "password", "passwords", "passwd", "credential", "credentials", "token", "tokens", "api key", "api keys", "apikey", "access key", "access keys",
  "private key", "private keys", "secret key", "ssh key", "ssh keys", "key vault", "keyvault", "vault", "oauth",
];

type Text = { where: "name" | "description"; words: string };

/** Lower-cased words separated by single spaces, padded, so " phrase " finds whole words; names split on _ - . / and camelCase. */
export function wordsOf(text: string, isName = false): string {
  const spaced = isName ? text.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z])([A-Z][a-z])/g, "$1 $2") : text;
  const words = spaced.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return ` ${words.join(" ")} `;
}

function firstMatch(texts: Text[], phrases: string[]): { phrase: string; where: Text["where"] } | null {
  for (const text of texts) {
    const phrase = phrases.find((candidate) => text.words.includes(` ${candidate} `));
    if (phrase) return { phrase, where: text.where };
  }
  return null;
}

const said = (match: { phrase: string; where: Text["where"] }) => `"${match.phrase}" in the ${match.where}`;

export function proposeCapabilities(input: ProposalInput): TagProposal[] {
  const annotations = input.annotations ?? null;
  const texts: Text[] = [
    { where: "name", words: `${wordsOf(input.name, true)}${input.title ? wordsOf(input.title) : ""}` },
    { where: "description", words: wordsOf(input.description ?? "") },
  ];
  const found = new Map<BuiltinTag, { annotation: string[]; description: string[] }>();
  const add = (tag: BuiltinTag, source: ProposalSource, reason: string) => {
    const entry = found.get(tag) ?? { annotation: [], description: [] };
    entry[source].push(reason);
    found.set(tag, entry);
  };

  // annotations (untrusted hints, but a server that says it reaches an open world is believed)
  if (annotations?.openWorldHint === true) {
    add("untrusted-input", "annotation", "openWorldHint: true (it takes in content from an open world of outside sources)");
    if (annotations.readOnlyHint !== true) add("external-communication", "annotation", "openWorldHint: true and not read-only (it can act on and send to the outside world)");
  }
  if (input.production) {
    const tier: ToolTier = proposeTier(annotations);
    if (annotations?.destructiveHint === true) add("writes-production", "annotation", "destructiveHint: true on a production server");
    else if (tier !== "read") add("writes-production", "annotation", `proposed tier ${tier} on a production server${annotations ? "" : " (no annotations: read pessimistically)"}`);
  }

  // words of the name, title and description
  const reading = firstMatch(texts, READING);
  const readOnly = annotations?.readOnlyHint === true;
  const object = firstMatch(texts, PRIVATE_OBJECTS);
  if (object && (reading || readOnly)) add("reads-private-data", "description", `${reading ? said(reading) : "readOnlyHint: true"} and ${said(object)}`);
  const source = firstMatch(texts, UNTRUSTED_SOURCES);
  if (source) add("untrusted-input", "description", said(source));
  else {
    const outside = firstMatch(texts, OUTSIDE_CONTENT);
    if (outside && (reading || readOnly)) add("untrusted-input", "description", `${reading ? said(reading) : "readOnlyHint: true"} and ${said(outside)}`);
  }
  const sending = firstMatch(texts, SENDING);
  if (sending) add("external-communication", "description", said(sending));
  const credentials = firstMatch(texts, CREDENTIALS);
  if (credentials) add("handles-credentials", "description", said(credentials));

  return BUILTIN_TAGS.flatMap((tag) => {
    const entry = found.get(tag);
    if (!entry) return [];
    return [{ tag, source: entry.annotation.length ? "annotation" : "description", reason: [...entry.annotation, ...entry.description].join("; ") } satisfies TagProposal];
  });
}
