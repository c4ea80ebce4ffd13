// Campaign emails over SMTP (nodemailer), to the server in WARDEN_SMTP_URL.
// The transport is made per dispatcher run, with timeouts short enough that a
// send finishes well inside the dispatcher's claim on the row.
import nodemailer, { type Transporter } from "nodemailer";
import { env, publicUrl } from "@/lib/config/env";
import type { Attempt } from "@/lib/notifications/attempt";
import type { EmailMessage } from "@/lib/notifications/messages";
import { shortError } from "@/lib/notifications/short-error";

export type Mailer = { transporter: Transporter; from: string };

/** null when SMTP is not configured. */
export function createMailer(): Mailer | null {
  const url = env().WARDEN_SMTP_URL;
  if (!url) return null;
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, logger: false });
  return { transporter, from: env().WARDEN_SMTP_FROM ?? `Warden <warden@${new URL(publicUrl()).hostname}>` };
}

function replyCode(text: unknown): number | null {
  const match = typeof text === "string" ? /^(\d{3})/.exec(text) : null;
  return match ? Number(match[1]) : null;
}

export async function sendEmail(mailer: Mailer | null, to: string, message: EmailMessage): Promise<Attempt> {
  if (!mailer) return { ok: false, status: null, error: "SMTP is not configured (set WARDEN_SMTP_URL)" };
  try {
    const info = (await mailer.transporter.sendMail({ from: mailer.from, to, subject: message.subject, text: message.text, html: message.html })) as { response?: string };
    return { ok: true, status: replyCode(info.response) };
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    return { ok: false, status: typeof code === "number" ? code : null, error: shortError(error) };
  }
}
