import type { App } from "sst/constructs";
import { Api } from "./Api";
import { Media } from "./Media";
import { Storage } from "./Storage";

/** The app's stacks in deploy order; shared by sst.config.ts and the stack tests. */
export function addStacks(app: App): void {
  app.stack(Storage).stack(Media).stack(Api);
}

export { Api, Media, Storage };
