import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { MailNotAccepted, type Mailer } from "./mail";

/**
 * Amazon SES through SESv2 SendEmail, with the stage's configuration set (its bounce and complaint events reach
 * core/notifications/feedback.ts). The SDK's own retries are off: SendEmail has no idempotency token, so a retry
 * after a timeout could send the same email twice. Only an answer from SES (an error with an HTTP status) or a
 * connection that never opened says the email did not go out; core/notifications/outbox.ts retries those itself.
 */
export function sesMailer(options: { from: string; configurationSet: string }): Mailer {
  const client = new SESv2Client({ maxAttempts: 1 });
  return {
    async send(message) {
      try {
        const { MessageId } = await client.send(
          new SendEmailCommand({
            FromEmailAddress: options.from,
            Destination: { ToAddresses: [message.to] },
            ConfigurationSetName: options.configurationSet,
            EmailTags: [{ Name: "kind", Value: message.tag }],
            Content: {
              Simple: {
                Subject: { Data: message.subject, Charset: "UTF-8" },
                Body: { Text: { Data: message.text, Charset: "UTF-8" }, Html: { Data: message.html, Charset: "UTF-8" } },
                Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name, Value })),
              },
            },
          }),
        );
        if (!MessageId) throw new Error("SES accepted the email without a MessageId");
        return { messageId: MessageId };
      } catch (error) {
        throw notAcceptedOr(error);
      }
    },
  };
}

const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

function notAcceptedOr(error: unknown): unknown {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // MessageRejected is about this message (its content, or a recipient SES will not send to); the rest (throttling,
  // a paused account, an outage) may pass.
  if (typeof status === "number" && status >= 400) return new MailNotAccepted(`SES answered ${status}: ${(error as Error).name}`, { cause: error, permanent: (error as Error).name === "MessageRejected" });
  const code = (error as { code?: string }).code;
  if (code && NEVER_CONNECTED.has(code)) return new MailNotAccepted(`SES could not be reached (${code})`, { cause: error });
  return error;
}
