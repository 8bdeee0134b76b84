import type { SSTConfig } from "sst";
import { addStacks } from "./stacks";

export default {
  config(_input) {
    return {
      name: "dulcevicio",
      region: "us-east-1",
    };
  },
  stacks(app) {
    addStacks(app);
  },
} satisfies SSTConfig;
