import * as z from "zod";
import { clock } from "../clock";
import { db } from "../db/service";
import { logger } from "../logger";

/**
 * What SES says after sending: the stage's configuration set publishes bounces and complaints to an SNS topic, whose
 * subscription puts them on the MailFeedback queue (stacks/Mail.ts). A permanent bounce or a complaint makes the
 * address not mailable: the sender keeps writing in-app notifications for that person and sends no more email
 * (core/notifications/outbox.ts). A transient bounce (a full mailbox) changes nothing: SES already retried it.
 *
 * The shape is SES's event publishing record (`eventType`) or, from an identity's feedback notifications, the older
 * `notificationType`; a message wrapped by SNS (raw delivery off) is unwrapped. Anything else fails until the
 * dead-letter queue, where a person can read it.
 */
const Recipients = z.array(z.object({ emailAddress: z.string().min(3) })).min(1);
const Bounce = z.looseObject({ bounce: z.looseObject({ bounceType: z.string(), bounceSubType: z.string().optional(), bouncedRecipients: Recipients }) });
const Complaint = z.looseObject({ complaint: z.looseObject({ complainedRecipients: Recipients, complaintFeedbackType: z.string().optional() }) });

export interface FeedbackOutcome {
  suppressed: string[];
}

const unreadable = () => new Error("the message is not an SES bounce or complaint event");

export async function recordFeedback(body: string): Promise<FeedbackOutcome> {
  let json = parse(body);
  if (isObject(json) && json.Type === "Notification" && typeof json.Message === "string") json = parse(json.Message);
  if (!isObject(json)) throw unreadable();
  const kind = json.eventType ?? json.notificationType;
  let marked: { addresses: string[]; reason: "bounce" | "complaint"; detail: string };
  if (kind === "Bounce") {
    const parsed = Bounce.safeParse(json);
    if (!parsed.success) throw unreadable();
    const { bounceType, bounceSubType, bouncedRecipients } = parsed.data.bounce;
    if (bounceType !== "Permanent") {
      logger.info("a transient bounce: the address stays mailable", { bounceType, bounceSubType });
      return { suppressed: [] };
    }
    marked = { addresses: bouncedRecipients.map((recipient) => recipient.emailAddress), reason: "bounce", detail: `${bounceType}/${bounceSubType ?? "General"}` };
  } else if (kind === "Complaint") {
    const parsed = Complaint.safeParse(json);
    if (!parsed.success) throw unreadable();
    const { complainedRecipients, complaintFeedbackType } = parsed.data.complaint;
    marked = { addresses: complainedRecipients.map((recipient) => recipient.emailAddress), reason: "complaint", detail: complaintFeedbackType ?? "complaint" };
  } else if (typeof kind === "string") {
    // Deliveries, opens and the like are not subscribed to; one arriving changes nothing.
    logger.info("an SES event that is neither a bounce nor a complaint: ignored", { kind });
    return { suppressed: [] };
  } else {
    throw unreadable();
  }
  const at = clock.now().toISOString();
  const suppressed = [...new Set(marked.addresses.map(bareAddress))];
  for (const email of suppressed) await db().entities.mailSuppression.put({ email, reason: marked.reason, detail: marked.detail, at }).go();
  // How many, not who: addresses are personal data, and the table has them.
  logger.warn("addresses marked not mailable", { reason: marked.reason, detail: marked.detail, count: suppressed.length });
  return { suppressed };
}

/** `"Ana <ana@example.com>"` or `ana@EXAMPLE.com` -> `ana@example.com`, as users' emails are stored. */
function bareAddress(address: string): string {
  return (/<([^>]+)>/.exec(address)?.[1] ?? address).trim().toLowerCase();
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error("the message is not JSON");
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
