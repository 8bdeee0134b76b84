import type { App } from "sst/constructs";

/**
 * Stages whose data may be thrown away when the stage is removed: `sst dev`, and stages named
 * `dev`, `test`, `local`, `pr-<n>` (alone or followed by `-suffix`, e.g. `dev-alice`).
 * Anything else (prod, staging, a typo, `devops`, `testing`) keeps its table and bucket: a wrong
 * guess here must cost an orphaned resource, never lost data.
 */
const EPHEMERAL_STAGE = /^(?:dev|test|local|pr-\d+)(?:-|$)/;

export function isEphemeralStage(app: Pick<App, "mode" | "stage">): boolean {
  return app.mode === "dev" || EPHEMERAL_STAGE.test(app.stage);
}
