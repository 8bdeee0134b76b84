import { Aspects } from "aws-cdk-lib";
import type { App } from "sst/constructs";
import { Alerts } from "./Alerts";
import { Api } from "./Api";
import { AREA_STACKS } from "./ApiRoutes";
import { Dashboard } from "./Dashboard";
import { RetainLogs } from "./log-retention";
import { applyNagSuppressions } from "./nag";
import { Mail } from "./Mail";
import { Media } from "./Media";
import { Storage } from "./Storage";
import { hasWorkers, Workers } from "./Workers";

/**
 * The app's stacks in deploy order; shared by sst.config.ts, `npm run synth` and the stack tests.
 *   Alerts     the alarm topic (every alarm's action)
 *   Storage    table (with its stream), bucket, secrets
 *   Media      the media queues and consumers, S3 notifications
 *   Api        the HTTP API: stage, CORS, access log, alarms
 *   Api<Area>  the routes of functions/<area>/…, one function each (stacks/ApiRoutes.ts)
 *   Mail       SES: the configuration set, its bounce and complaint topic, the reputation alarms
 *   Workers    the other consumers of core/consumers.ts (stream reactions, their queues, the daily jobs)
 *   Dashboard  one CloudWatch dashboard
 */
export function addStacks(app: App): void {
  app.stack(Alerts).stack(Storage).stack(Media).stack(Api);
  for (const area of Object.values(AREA_STACKS)) app.stack(area);
  if (hasWorkers()) app.stack(Mail).stack(Workers);
  app.stack(Dashboard);
  Aspects.of(app).add(new RetainLogs());
  applyNagSuppressions(app);
}

export { Alerts, Api, Dashboard, Mail, Media, Storage, Workers };
