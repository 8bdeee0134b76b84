import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

export const COUNTER_NAMES = ["lesson_completions"] as const;

/**
 * A platform-wide figure kept up to date by the writes that change it (in the same transaction), so the admin
 * dashboard reads it with a GetItem instead of counting.
 */
export const CounterEntity = new Entity({
  model: { entity: "counter", version: "1", service: SERVICE },
  attributes: {
    name: { type: COUNTER_NAMES, required: true, readOnly: true },
    value: { type: "number", required: true, default: 0 },
  },
  indexes: {
    byName: {
      pk: { field: "pk", composite: [], template: "counters" },
      sk: { field: "sk", composite: ["name"] },
    },
  },
});
