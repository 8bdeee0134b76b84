import { describe, expect, it } from "vitest";
import { axisTicks } from "../../console/src/scale";

describe("the activity chart's y axis (console/src/scale.ts)", () => {
  it("runs 0 to 1 when every count is 0: a flat line on the baseline, no division by 0", () => {
    expect(axisTicks(0)).toEqual([0, 1]);
  });

  it("counts in whole steps of 1, 2 or 5 times a power of ten, up to a round top at or above the largest", () => {
    expect(axisTicks(1)).toEqual([0, 1]);
    expect(axisTicks(3)).toEqual([0, 1, 2, 3]);
    expect(axisTicks(6)).toEqual([0, 2, 4, 6]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(23)).toEqual([0, 10, 20, 30]);
    expect(axisTicks(105)).toEqual([0, 50, 100, 150]);
    expect(axisTicks(9)).toEqual([0, 5, 10]);
    expect(axisTicks(1000)).toEqual([0, 500, 1000]);
  });
});
