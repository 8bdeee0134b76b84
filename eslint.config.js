// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".data/", ".sst/", ".build/", "cdk.out/", "coverage/", ".scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
      // SST's esbuild (0.18) cannot tree-shake zod's `z` export (nor its default one): each function got all of zod,
      // ~380 kB more than with the namespace import (docs/cold-start.md).
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'][importKind='value'] > :matches(ImportSpecifier[imported.name='z'][importKind='value'], ImportDefaultSpecifier)",
          message: 'Import zod as `import * as z from "zod"`: the `z` export puts all of zod into every bundle (docs/cold-start.md).',
        },
      ],
    },
  },
  {
    // The local runtime and scripts talk to a person on a terminal.
    files: ["dev/**", "bench/**"],
    rules: { "no-console": "off" },
  },
);
