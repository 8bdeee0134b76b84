import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".sst/**", ".data/**", ".scratch/**"],
    // Once per run: DynamoDB Local (in memory) and s3rver (in a temp folder), shared by all test files.
    globalSetup: ["test/global-setup.ts"],
    // Once per test file, before its imports: the bindings, with a table of the file's own.
    setupFiles: ["test/setup-bindings.ts"],
    // A process per file: the app reads its bindings and secrets once per process, so files must not share one.
    pool: "forks",
    isolate: true,
    // Vitest's default is one file fewer than the cores: on CI's 2 cores, one file at a time (1,106 s). The files
    // mostly wait on DynamoDB Local and s3rver, so two at a time use the machine: 642 s, all green (2026-12-08).
    maxWorkers: Math.max(2, availableParallelism()),
    // The AWS SDK's notice that its 2027 releases need Node 22 (docs/node.md), once per test file otherwise.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
