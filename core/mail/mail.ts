/**
 * The one mail interface: `send(message)`. Which service carries it is a binding of the function, never a switch in
 * the code that writes the email: `MAIL_TRANSPORT=ses` on AWS (Amazon SES, SESv2 SendEmail, through the stage's
 * configuration set; stacks/Mail.ts), `MAIL_TRANSPORT=smtp` locally (a real SMTP server a developer reads in the
 * browser, dev/mail.ts). `MAIL_FROM` is the sender on both. Nothing here is a mock: both talk to a real server.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers: Record<string, string>;
  /** For the mail service's own reports (SES message tags): the notification's kind. */
  tag: string;
}

export interface Mailer {
  /** Resolves with the service's id of the message once the service has accepted it. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}

/**
 * The service answered that it did not take the message (a refusal, throttling, an outage it reported), or it could
 * not be reached at all: nothing went out, so sending again later cannot send twice. Any other failure (a timeout
 * after the message was handed over, a connection cut before the answer) may or may not have sent it, and must not
 * be retried (core/notifications/outbox.ts).
 */
export class MailNotAccepted extends Error {
  override readonly name = "MailNotAccepted";
  /**
   * The refusal is final for this message (an SMTP 5xx, SES MessageRejected): sending it again would be refused
   * again, so the outbox records it failed at once instead of retrying it into the dead-letter queue. A transient
   * refusal (an SMTP 4xx, throttling, an unreachable server) is retried.
   */
  readonly permanent: boolean;
  constructor(message: string, options: { cause?: unknown; permanent?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.permanent = options.permanent ?? false;
  }
}

function variable(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: is mail bound to this function? (the mail:send grant, stacks/grants.ts)`);
  return value;
}

/** The sender every email carries: `MAIL_FROM`, the stage's configured address (stacks/config.ts). */
export const mailFrom = (): string => variable("MAIL_FROM");

let mailer: Promise<Mailer> | undefined;

/** The function's mailer, made on first use from its binding. */
export function mail(): Promise<Mailer> {
  mailer ??= (async () => {
    const transport = variable("MAIL_TRANSPORT");
    if (transport === "ses") return (await import("./ses")).sesMailer({ from: mailFrom(), configurationSet: variable("MAIL_CONFIGURATION_SET") });
    if (transport === "smtp") return (await import("./smtp")).smtpMailer({ from: mailFrom(), url: variable("MAIL_SMTP_URL") });
    throw new Error(`MAIL_TRANSPORT is ${transport}: it must be ses or smtp`);
  })();
  mailer.catch(() => (mailer = undefined));
  return mailer;
}
