// The first-run message with the admin's temporary password, printed once.
export function printFirstRunBanner(email: string, temporaryPassword: string, url: string): void {
  const lines = [
    "First run: created the Warden admin account.",
    `  Sign in at:          ${url}/login`,
    `  Email:               ${email}`,
    `  Temporary password:  ${temporaryPassword}`,
    "You must choose a new password at first sign-in. This password is not shown again.",
  ];
  const width = Math.max(...lines.map((line) => line.length)) + 2;
  const bar = "=".repeat(width);
  console.log(`\n${bar}\n${lines.map((line) => ` ${line}`).join("\n")}\n${bar}\n`);
}
