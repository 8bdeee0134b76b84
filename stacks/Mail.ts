import { Duration, Stack } from "aws-cdk-lib";
import { Metric, Stats } from "aws-cdk-lib/aws-cloudwatch";
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailSendingEvent, EventDestination, SuppressionReasons } from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { use, type StackContext } from "sst/constructs";
import type { MailResources } from "./grants";
import { Alerts } from "./Alerts";
import { senderAddress, stageConfig } from "./config";

/**
 * When SES's account-wide rates are high enough that a person must look: AWS reviews an account from a 5% bounce
 * rate and may pause its sending at 10%; for complaints, from 0.1% and at 0.5%. These fire at the review thresholds.
 */
export const MAIL_ALARMS = { bounceRate: 0.05, complaintRate: 0.001 } as const;

/**
 * The stage's email through Amazon SES: a configuration set that every email is sent through (TLS required,
 * reputation metrics, the account's suppression list for bounces and complaints) and that publishes bounces and
 * complaints to an SNS topic, which the Workers stack subscribes its MailFeedback queue to (raw delivery), and the
 * bounce- and complaint-rate alarms. The sending identity (MAIL_FROM's domain) is verified once per account and
 * region, outside the stack (docs/deploy.md, SES): two stages may share it, and a stack that owned it would take
 * it down with the stage.
 */
export function Mail({ app, stack }: StackContext) {
  const { mailFrom } = stageConfig(app);
  const { alarms } = use(Alerts);
  const fromAddress = senderAddress(mailFrom)!;

  const feedback = new Topic(stack, "MailFeedback", { displayName: `DulceVicio ${app.stage} SES bounces and complaints`, enforceSSL: true });
  const configurationSet = new ConfigurationSet(stack, "Mail", {
    tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    reputationMetrics: true,
    sendingEnabled: true,
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  configurationSet.addEventDestination("Feedback", { destination: EventDestination.snsTopic(feedback), events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT] });

  // Account-wide, as SES judges the account: every stage and sender of the account counts.
  const rate = (name: string, label: string) => new Metric({ namespace: "AWS/SES", metricName: name, statistic: Stats.MAXIMUM, period: Duration.hours(1), label });
  alarms.watch(stack, "MailBounceRateAlarm", {
    description: `SES's bounce rate is over ${MAIL_ALARMS.bounceRate * 100}% (AWS reviews the account from 5% and may pause sending at 10%): find where the bouncing addresses come from (MailFeedback, the mail_suppression items) before sending more.`,
    metric: rate("Reputation.BounceRate", "bounce rate"),
    threshold: MAIL_ALARMS.bounceRate,
  });
  alarms.watch(stack, "MailComplaintRateAlarm", {
    description: `SES's complaint rate is over ${MAIL_ALARMS.complaintRate * 100}% (AWS reviews the account from 0.1% and may pause sending at 0.5%): people mark these emails as spam; check what was sent and to whom.`,
    metric: rate("Reputation.ComplaintRate", "complaint rate"),
    threshold: MAIL_ALARMS.complaintRate,
  });

  const identity = (name: string) => Stack.of(stack).formatArn({ service: "ses", resource: "identity", resourceName: name });
  /** For the Workers stack, which adds the API's URL (the unsubscribe links) once it has the Api stack. */
  const resources: Omit<MailResources, "apiBaseUrl"> = {
    from: mailFrom,
    fromAddress,
    configurationSetName: configurationSet.configurationSetName,
    identityArns: [identity(fromAddress.split("@")[1]!), identity(fromAddress)],
    configurationSetArn: Stack.of(stack).formatArn({ service: "ses", resource: "configuration-set", resourceName: configurationSet.configurationSetName }),
  };
  stack.addOutputs({ MailConfigurationSet: configurationSet.configurationSetName, MailFrom: mailFrom });
  return { feedback, configurationSet, resources };
}
