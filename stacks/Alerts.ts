import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData, type AlarmProps, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";
import type { StackContext } from "sst/constructs";
import { stageConfig } from "./config";

/**
 * Where every alarm of the stage goes: one SNS topic, with ALARM_EMAIL subscribed (stacks/config.ts; the address
 * confirms the subscription from the email AWS sends). Add a pager or chat integration to the same topic.
 * First of the stacks, so that every other stack can raise its alarms here.
 */
export function Alerts({ app, stack }: StackContext) {
  const { alarmEmail } = stageConfig(app);
  const topic = new Topic(stack, "Alarms", { displayName: `DulceVicio ${app.stage} alarms`, enforceSSL: true });
  if (alarmEmail) topic.addSubscription(new EmailSubscription(alarmEmail));
  stack.addOutputs({ AlarmTopic: topic.topicArn });
  return { topic, alarms: new AlarmSet(topic) };
}

/** What a caller says of an alarm; the rest is the same for all of them. */
export interface Watch {
  metric: IMetric;
  /** Fires when the metric is above this (or at least, with `atLeast`). */
  threshold: number;
  atLeast?: boolean;
  /** Periods that must breach in a row (default 1). */
  periods?: number;
  /** For the person it wakes: what broke and what to do. */
  description: string;
}

/** Every alarm of the app, each with the topic as its alarm and OK action: a person hears when it fires and ends. */
export class AlarmSet {
  readonly all: Alarm[] = [];
  constructor(private readonly topic: Topic) {}

  watch(scope: Construct, id: string, watch: Watch): Alarm {
    const props: AlarmProps = {
      alarmDescription: watch.description,
      metric: watch.metric,
      threshold: watch.threshold,
      comparisonOperator: watch.atLeast ? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD : ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: watch.periods ?? 1,
      // No data means nothing happened: no requests, no messages, no invocations.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    };
    const alarm = new Alarm(scope, id, props);
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.all.push(alarm);
    return alarm;
  }
}

/** The period of every alarm: short enough to page within minutes, long enough to smooth a single slow request. */
export const ALARM_PERIOD = Duration.minutes(5);
