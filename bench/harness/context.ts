import type { Fleet } from './fleet.ts';
import type { HttpClient } from './http-client.ts';
import type { BenchServer } from './server.ts';

export type BenchMode = 'smoke' | 'full';

/** What every suite gets: the mode, the services, and (for the suites that need it) the running server. */
export interface BenchContext {
  mode: BenchMode;
  kafkaBrokers: string[];
  mongoUrl: string;
  log: (message: string) => void;
}

export interface ServerContext extends BenchContext {
  server: BenchServer;
  fleet: Fleet;
  http: HttpClient;
}

/** Physical names of the server's projector group and measurements topic (its topic prefix applies to both). */
export function measurementsGroup(server: BenchServer): { groupId: string; topic: string } {
  return {
    groupId: `${server.topicPrefix}medido-projector-measurements`,
    topic: `${server.topicPrefix}medido.measurements.v1`,
  };
}
