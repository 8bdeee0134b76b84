/**
 * The physical shape of the single table `Main`, shared by the stack (CloudFormation), the local runtime
 * (CreateTable on DynamoDB Local) and the ElectroDB entities (index field names). Change it here only.
 */
export const tableSchema = {
  partitionKey: "pk",
  sortKey: "sk",
  globalIndexes: {
    gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    /** When access ends: enrollments by `expires_at`, memberships by `end_date` (the daily access-ending notices). */
    gsi3: { partitionKey: "gsi3pk", sortKey: "gsi3sk" },
  },
  /** Epoch seconds; DynamoDB deletes expired items eventually (cleanup only, never an access decision). */
  ttlAttribute: "expires_at_epoch",
} as const;

export type GlobalIndexName = keyof typeof tableSchema.globalIndexes;
