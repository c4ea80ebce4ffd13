// The rate limiter's counting upsert (lib/rate-limit/count-hits.ts): adds to a
// key's count, or starts a new window when the old one has ended, and returns
// the count after it. Apart from count-hits.ts because the SQLite writer thread
// (lib/oauth/writer/sqlite-writer.ts) prepares the same statement.
export const SET_COUNT =
  'ON CONFLICT ("key") DO UPDATE SET ' +
  '"count" = CASE WHEN "RateLimitBucket"."resetAt" <= $now THEN excluded."count" ELSE "RateLimitBucket"."count" + excluded."count" END, ' +
  '"resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= $now THEN excluded."resetAt" ELSE "RateLimitBucket"."resetAt" END';

// better-sqlite3 has no numbered parameters: `now` is bound once per use
export const SQLITE_UPSERT = `INSERT INTO "RateLimitBucket" ("key", "resetAt", "count") VALUES (?, ?, ?) ${SET_COUNT.replaceAll("$now", () => "?")} RETURNING "count", "resetAt"`;

