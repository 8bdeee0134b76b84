/**
 * What core/bindings.ts and the AWS SDK read from the environment, set for the local runtime exactly as SST sets
 * it on a deployed function. Must run before the app's modules are used (clients and secrets are read once per
 * process), which is why the entry points import the app's modules only after calling this.
 */
import { DEV_SPA_BASE_URL } from "../stacks/config";

export const APP_NAME = "dulcevicio";
export const LOCAL_REGION = "us-east-1";

export interface LocalBindings {
  stage: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  sqsEndpoint: string;
  /** `SST_Queue_queueUrl_<name>` of every queue of core/consumers.ts. */
  queueUrls: Record<string, string>;
  tableName: string;
  bucketName: string;
  jwtPrivateKeyPem: string;
  jwtPublicJwks: string;
  cursorKey: string;
}

export function applyBindings(bindings: LocalBindings): void {
  Object.assign(process.env, {
    SST_APP: APP_NAME,
    SST_STAGE: bindings.stage,
    SST_REGION: LOCAL_REGION,
    AWS_REGION: LOCAL_REGION,
    // s3rver accepts only its own key pair; DynamoDB Local accepts any key made of letters and digits, this one too.
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_ENDPOINT_URL_DYNAMODB: bindings.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: bindings.s3Endpoint,
    AWS_ENDPOINT_URL_SQS: bindings.sqsEndpoint,
    ...Object.fromEntries(Object.entries(bindings.queueUrls).map(([name, url]) => [`SST_Queue_queueUrl_${name}`, url])),
    SST_Table_tableName_Main: bindings.tableName,
    SST_Bucket_bucketName_Media: bindings.bucketName,
    SST_Secret_value_JWT_PRIVATE_KEY: bindings.jwtPrivateKeyPem,
    SST_Secret_value_JWT_PUBLIC_JWKS: bindings.jwtPublicJwks,
    SST_Secret_value_CURSOR_KEY: bindings.cursorKey,
    // As the stacks set it on the API and the certificate consumer (stacks/config.ts): the SPA's dev server.
    SPA_BASE_URL: DEV_SPA_BASE_URL,
  });
}

/** Resource names as SST would name them for a stage (`<stage>-<app>-<id>`). */
export const tableNameFor = (stage: string): string => `${stage}-${APP_NAME}-Main`;
export const bucketNameFor = (stage: string): string => `${stage}-${APP_NAME}-media`;
