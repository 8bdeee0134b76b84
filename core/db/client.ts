import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { stampAdminWrites } from "../audit/stamp";

/**
 * The one DynamoDB client of a function, created at module scope so warm invocations reuse its connections.
 * Endpoint and credentials come from the standard SDK environment: on AWS the function's role; locally the
 * runtime in `dev/` sets `AWS_ENDPOINT_URL_DYNAMODB` to DynamoDB Local.
 */
export const dynamo = new DynamoDBClient({
  // A few quick retries ride out throttling and a restarting DynamoDB Local; the API Gateway limit is 30 s.
  maxAttempts: 3,
});

// Every item an admin's request writes carries who and which request, for the audit log (core/audit/stamp.ts).
stampAdminWrites(dynamo);

/** For the few raw commands ElectroDB does not cover (partition sweeps, counts). */
export const documentClient = DynamoDBDocumentClient.from(dynamo);
