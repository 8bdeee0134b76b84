/**
 * A local SQS endpoint for what the app sends (SendMessage, SendMessageBatch) and for a consumer's backoff
 * (ChangeMessageVisibility), speaking the SQS JSON protocol
 * (AWS JSON 1.0, `X-Amz-Target: AmazonSQS.<Action>`) so the app's real `@aws-sdk/client-sqs` calls work unchanged:
 * the local runtime points `AWS_ENDPOINT_URL_SQS` here. Messages go to the in-process queues of `dev/queue.ts`.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface MessageSink {
  send(body: string): string;
  changeVisibility(receiptHandle: string, seconds: number): boolean;
}

export interface LocalSqs {
  endpoint: string;
  /** The URL of a queue, as core/bindings.ts gives it (`SST_Queue_queueUrl_<name>`). */
  queueUrl(name: string): string;
  close(): Promise<void>;
}

const ACCOUNT = "000000000000";
const md5 = (text: string) => createHash("md5").update(text).digest("hex");

export async function startLocalSqs(options: { port: number; queues: Record<string, MessageSink> }): Promise<LocalSqs> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/x-amz-json-1.0" });
        response.end(JSON.stringify(body));
      };
      const fail = (type: string, message: string) => reply(400, { __type: `com.amazonaws.sqs#${type}`, message });
      try {
        const action = String(request.headers["x-amz-target"] ?? "").replace(/^AmazonSQS\./, "");
        const input = JSON.parse(Buffer.concat(chunks).toString() || "{}") as {
          QueueUrl?: string;
          MessageBody?: string;
          Entries?: Array<{ Id: string; MessageBody: string }>;
          ReceiptHandle?: string;
          VisibilityTimeout?: number;
        };
        const queue = options.queues[String(input.QueueUrl ?? "").split("/").pop() ?? ""];
        if (!queue) return fail("QueueDoesNotExist", `The specified queue does not exist: ${input.QueueUrl}`);
        if (action === "SendMessage") {
          const body = input.MessageBody ?? "";
          return reply(200, { MessageId: queue.send(body), MD5OfMessageBody: md5(body) });
        }
        if (action === "SendMessageBatch") {
          const entries = input.Entries ?? [];
          if (entries.length === 0 || entries.length > 10) return fail("TooManyEntriesInBatchRequest", "A batch holds 1 to 10 entries.");
          return reply(200, {
            Successful: entries.map((entry) => ({ Id: entry.Id, MessageId: queue.send(entry.MessageBody), MD5OfMessageBody: md5(entry.MessageBody) })),
            Failed: [],
          });
        }
        if (action === "ChangeMessageVisibility") {
          const seconds = input.VisibilityTimeout;
          if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) return fail("InvalidParameterValue", "VisibilityTimeout is 0 to 43200 seconds.");
          if (!queue.changeVisibility(String(input.ReceiptHandle ?? ""), seconds)) return fail("ReceiptHandleIsInvalid", "The receipt handle is not of a message in flight.");
          return reply(200, {});
        }
        return fail("UnsupportedOperation", `The local SQS endpoint does not implement ${action}.`);
      } catch (error) {
        return fail("InvalidParameterValue", error instanceof Error ? error.message : String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    queueUrl: (name) => `${endpoint}/${ACCOUNT}/${name}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
