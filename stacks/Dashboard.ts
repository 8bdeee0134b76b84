import { Duration } from "aws-cdk-lib";
import { AlarmStatusWidget, Dashboard as CloudWatchDashboard, GraphWidget, Stats, TextWidget, type IMetric, type IWidget } from "aws-cdk-lib/aws-cloudwatch";
import { use, type Function as SstFunction, type Queue, type StackContext } from "sst/constructs";
import { Alerts } from "./Alerts";
import { Api } from "./Api";
import { Media } from "./Media";
import { Storage } from "./Storage";
import { hasWorkers, Workers } from "./Workers";

const PERIOD = Duration.minutes(5);

const graph = (title: string, left: IMetric[], right: IMetric[] = []): GraphWidget => new GraphWidget({ title, left, right, width: 12, height: 6, period: PERIOD });

/** One CloudWatch dashboard per stage: what the alarms watch, and the state of every alarm. Last of the stacks. */
export function Dashboard({ app, stack }: StackContext) {
  const { alarms } = use(Alerts);
  const { table } = use(Storage);
  const { api } = use(Api);
  const media = use(Media);
  const workers = hasWorkers() ? use(Workers) : { consumers: [], streams: [], jobs: [] };
  const httpApi = api.cdk.httpApi;

  const consumer = ({ row, queue, deadLetters, fn }: { row: { queue: string }; queue: Queue; deadLetters: Queue; fn: SstFunction }): IWidget[] => [
    graph(`${row.queue}: messages`, [queue.cdk.queue.metricApproximateNumberOfMessagesVisible(), deadLetters.cdk.queue.metricApproximateNumberOfMessagesVisible({ label: "dead letters" })], [queue.cdk.queue.metricApproximateAgeOfOldestMessage({ label: "oldest (s)" })]),
    graph(`${row.queue}: consumer`, [fn.metricInvocations(), fn.metricErrors(), fn.metricThrottles()], [fn.metricDuration({ statistic: Stats.p(99), label: "duration p99" })]),
  ];
  const stream = ({ row, fn }: { row: { name: string }; fn: SstFunction }): IWidget[] => [
    graph(`${row.name} (stream)`, [fn.metricInvocations(), fn.metricErrors(), fn.metricThrottles()], [fn.metric("IteratorAge", { statistic: Stats.MAXIMUM, label: "iterator age (ms)" })]),
  ];

  new CloudWatchDashboard(stack, "Dashboard", {
    dashboardName: `${app.stage}-${app.name}`,
    widgets: [
      [new TextWidget({ markdown: `# DulceVicio ${app.stage}\nAlarms go to the stage's SNS topic (ALARM_EMAIL). What each one means is in its description.`, width: 24, height: 2 })],
      [new AlarmStatusWidget({ title: "Alarms", alarms: alarms.all, width: 24, height: 4 })],
      [
        graph("API: requests", [httpApi.metricCount({ statistic: Stats.SUM }), httpApi.metricClientError({ statistic: Stats.SUM }), httpApi.metricServerError({ statistic: Stats.SUM })]),
        graph("API: latency (ms)", [httpApi.metricLatency({ statistic: Stats.p(50), label: "p50" }), httpApi.metricLatency({ statistic: Stats.p(99), label: "p99" })]),
      ],
      ...[...media.consumers, ...workers.consumers].map(consumer),
      ...workers.streams.map(stream),
      ...workers.jobs.map(({ row, fn }) => [graph(`${row.name} (daily)`, [fn.metricInvocations(), fn.metricErrors()], [fn.metricDuration({ statistic: Stats.MAXIMUM, label: "duration" })])]),
      [
        graph(
          "Table: consumed capacity",
          [table.cdk.table.metricConsumedReadCapacityUnits({ statistic: Stats.SUM }), table.cdk.table.metricConsumedWriteCapacityUnits({ statistic: Stats.SUM })],
          [table.cdk.table.metric("ReadThrottleEvents", { statistic: Stats.SUM }), table.cdk.table.metric("WriteThrottleEvents", { statistic: Stats.SUM })],
        ),
      ],
    ],
  });
}
