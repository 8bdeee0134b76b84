/**
 * The S3 client and the commands core/media/storage.ts sends, in a module of their own: storage.ts imports it on
 * first use, so a function bundled with code splitting (the delete routes, stacks/bundling.ts) loads the S3 SDK
 * only when it actually removes files, not at every cold start (docs/cold-start.md).
 */
export {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
