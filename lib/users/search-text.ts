// What user search matches: email and name, lower-cased when written, because
// SQLite's LIKE ignores case and PostgreSQL's does not.
export function userSearchText(user: { email: string; name: string }): string {
  return `${user.email} ${user.name}`.toLowerCase();
}
