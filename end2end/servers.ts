import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// The Kiezwerk servers the end-to-end tests run against: one on SQLite and, where PostgreSQL
// is reachable, one on PostgreSQL. Shared by the Playwright configuration (which starts them)
// and the tests (which run the `kiezwerk` command line against the same database).

export const binary = resolve(__dirname, "../target/debug/kiezwerk");

// One data directory per test run; the runner's workers inherit the variable.
process.env.KIEZWERK_E2E_RUN ??= `${Date.now()}`;

export interface Server {
  name: string;
  port: number;
  /** Passkeys need a host name, not an IP address: the tests use http://localhost:<port>. */
  baseURL: string;
  env: Record<string, string>;
}

function server(name: string, port: number, database?: string): Server {
  const data = join(tmpdir(), `kiezwerk-e2e-${process.env.KIEZWERK_E2E_RUN}-${port}`);
  mkdirSync(data, { recursive: true });
  return {
    name,
    port,
    baseURL: `http://localhost:${port}`,
    env: {
      KIEZWERK_DATA_DIR: data,
      KIEZWERK_BIND: `127.0.0.1:${port}`,
      KIEZWERK_PUBLIC_URL: `http://localhost:${port}`,
      KIEZWERK_SITE_ROOT: resolve(__dirname, "../target/site"),
      KIEZWERK_INTAKE_PER_MINUTE: "10000",
      KIEZWERK_AUTH_PER_MINUTE: "10000",
      // Mail stays in the outbox, which /entwicklung/postausgang shows.
      KIEZWERK_DEV_OUTBOX: "true",
      ...(database ? { KIEZWERK_DATABASE_URL: database } : {}),
    },
  };
}

const postgres = process.env.KIEZWERK_E2E_POSTGRES_URL;

export const servers: Server[] = [
  server("sqlite", 3100),
  ...(postgres ? [server("postgres", 3101, postgres)] : []),
];

export function serverFor(baseURL: string | undefined): Server {
  const found = servers.find((s) => s.baseURL === baseURL);
  if (!found) throw new Error(`no test server at ${baseURL}`);
  return found;
}
