import { Fn, type IAspect, CfnResource } from "aws-cdk-lib";
import { LogRetention, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IConstruct } from "constructs";

/** How long every function's logs are kept: a month covers debugging and keeps no personal data longer. */
export const LOG_RETENTION = RetentionDays.ONE_MONTH;

/** CDK's LogRetention provider sets this retention on its own log group as well. */
const LOG_RETENTION_PROVIDER = "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a";

/**
 * Gives every Lambda function of the app a log retention, including those CDK and SST create for themselves (custom
 * resource providers: S3 notifications, auto-deleted objects, stack metadata), whose log groups CloudWatch would keep
 * forever. Our own functions set `logRetention` (stacks/bundling.ts FUNCTION_DEFAULTS) and are left as they are.
 */
export class RetainLogs implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== "AWS::Lambda::Function") return;
    const owner = node.node.scope;
    const id = `${node.node.id}LogRetention`;
    // Aspects run at every synthesis of the app: the second visit finds the first one's retention.
    if (!owner || owner.node.id === LOG_RETENTION_PROVIDER || owner.node.tryFindChild("LogRetention") || owner.node.tryFindChild(id)) return;
    // Custom::LogRetention creates the group or sets the retention of the one Lambda already made: no race.
    new LogRetention(owner, id, { logGroupName: Fn.join("", ["/aws/lambda/", node.ref]), retention: LOG_RETENTION });
  }
}
