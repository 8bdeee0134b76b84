import { MailNotAccepted, type Mailer } from "./mail";

/**
 * Plain SMTP, for the local mail server (dev/mail.ts). nodemailer is a development dependency and is imported only
 * here, when the binding asks for SMTP: the functions deployed to AWS send through SES and never load it (the
 * workers' bundle leaves it out, stacks/Workers.ts).
 */
export async function smtpMailer(options: { from: string; url: string }): Promise<Mailer> {
  const { createTransport } = await import("nodemailer");
  // One connection per message and no retries of its own: a retry is the outbox's decision.
  const transport = createTransport(options.url);
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text, html: message.html, headers: message.headers });
        return { messageId: info.messageId };
      } catch (error) {
        throw notAcceptedOr(error);
      }
    },
  };
}

/**
 * The server answered with an SMTP error (4xx or 5xx: it did not take the message), or the connection never
 * opened: nothing was sent. A socket that dies after the message was written may have delivered it.
 */
function notAcceptedOr(error: unknown): unknown {
  // nodemailer keeps the system error's code (ECONNREFUSED…) as `originalCode`.
  const { responseCode, code, originalCode } = error as { responseCode?: number; code?: string; originalCode?: string };
  // RFC 5321: 4yz is a transient refusal (try again later), 5yz a permanent one (the mailbox does not exist…).
  if (typeof responseCode === "number" && responseCode >= 400) return new MailNotAccepted(`the SMTP server answered ${responseCode}`, { cause: error, permanent: responseCode >= 500 });
  const never = [code, originalCode].find((value) => value === "EDNS" || value === "ECONNREFUSED" || value === "ENOTFOUND");
  if (never) return new MailNotAccepted(`the SMTP server could not be reached (${never})`, { cause: error });
  return error;
}
