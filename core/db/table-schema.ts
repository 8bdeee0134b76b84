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
  },
  /** Epoch seconds; DynamoDB deletes expired items eventually (cleanup only, never an access decision). */
  ttlAttribute: "expires_at_epoch",
} as const;

export type GlobalIndexName = keyof typeof tableSchema.globalIndexes;
