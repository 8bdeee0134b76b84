import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll } from "vitest";
import { LOCAL_REGION } from "../../dev/bindings";
import { DYNAMO_LOCAL_CREDENTIALS } from "../../dev/dynamodb";
import type { LocalGateway } from "../../dev/gateway";
import { METER_HEADERS } from "../../dev/request-meter";
import { ensureTable } from "../../dev/table";

/**
 * The API of one test file: its own table on the shared DynamoDB Local, and the local gateway serving every
 * route of the route table on an ephemeral port. Tests talk to it over real HTTP, like a client would.
 */
export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON bodies of any shape
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON (or problem+json), else the raw text. */
  body: T;
  /** DynamoDB requests this HTTP request made (from the local gateway's meter). */
  dynamoRequests: number;
  dynamoCommands: string[];
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface TestApi {
  url: string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- see ApiResponse
}

/** Call at the top of a test file: starts the API before its tests and stops it after. */
export function useTestApi(): TestApi {
  let gateway: LocalGateway | undefined;
  const api: TestApi = {
    get url() {
      if (!gateway) throw new Error("the test API is not started yet (use it inside tests or beforeAll)");
      return gateway.url;
    },
    request: async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | Uint8Array | undefined = options.rawBody;
      if (body === undefined && options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers["content-type"] ??= "application/json";
      }
      const response = await fetch(`${api.url}${path}`, { method, headers, body });
      const text = await response.text();
      const isJson = /json/.test(response.headers.get("content-type") ?? "");
      return {
        status: response.status,
        headers: response.headers,
        body: isJson && text ? JSON.parse(text) : text,
        dynamoRequests: Number(response.headers.get(METER_HEADERS.count) ?? Number.NaN),
        dynamoCommands: (response.headers.get(METER_HEADERS.commands) ?? "").split(",").filter(Boolean),
      };
    },
  };

  beforeAll(async () => {
    const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, region: LOCAL_REGION, credentials: DYNAMO_LOCAL_CREDENTIALS });
    await ensureTable(client, process.env.SST_Table_tableName_Main!);
    client.destroy();
    const { startApi } = await import("../../dev/api");
    gateway = await startApi({ port: 0 });
    // The links of emails (unsubscribe) point at this file's API.
    process.env.API_BASE_URL = gateway.url;
  });
  afterAll(async () => {
    await gateway?.close();
  });
  return api;
}
