/**
 * Types of the bindings `sst/node` reads from the function environment (SST generates these into `.sst/types`
 * during `sst dev`/`sst build`; they are written here so type-checking needs no AWS account).
 * Keep in step with `stacks/Storage.ts` and `dev/env.ts`.
 */
import "sst/node/table";
import "sst/node/bucket";
import "sst/node/config";
import "sst/node/queue";

declare module "sst/node/table" {
  export interface TableResources {
    Main: { tableName: string };
  }
}

declare module "sst/node/bucket" {
  export interface BucketResources {
    Media: { bucketName: string };
  }
}

declare module "sst/node/queue" {
  export interface QueueResources {
    PdfRebuilds: { queueUrl: string };
  }
}

declare module "sst/node/config" {
  export interface SecretResources {
    JWT_PRIVATE_KEY: { value: string };
    JWT_PUBLIC_JWKS: { value: string };
    CURSOR_KEY: { value: string };
  }
}
