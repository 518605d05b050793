/**
 * The admin commands' own state about API consumers (the command side), kept apart from the read
 * model, which lags the consumers topic. Every write is the insert of a document under a unique key,
 * the one write that is atomic on MongoDB, FerretDB (no transactions; conditional updates not
 * isolated: measured in libs/catalog/README.md) and SQLite alike: of two concurrent inserts of one key exactly one
 * succeeds. So two admins creating a consumer with the same id or subject at the same instant get one
 * success and one refusal, whichever ingestor process each one reached.
 */

/** A consumer id, recorded before its ApiConsumerCreated event is published. */
export interface ConsumerRecord {
  consumerId: string;
  subject: string;
  /** Digest of the create command that made it; null for consumers adopted from the read model. */
  fingerprint: string | null;
  /** The ApiConsumerCreated CloudEvent (JSON) published for it, re-sent as is when the same command is repeated. */
  event: string | null;
}

/** The claim of an identity provider subject by one consumer. */
export interface SubjectClaim {
  subject: string;
  consumerId: string;
  fingerprint: string | null;
  /** Random per attempt: only the attempt that inserted a claim may release it. */
  token: string;
}

export interface ConsumerRegistry {
  /** Inserts the record; false when the consumer id is already recorded. */
  recordConsumer(record: ConsumerRecord): Promise<boolean>;
  findConsumer(consumerId: string): Promise<ConsumerRecord | null>;
  /** Inserts the claim; false when the subject is already claimed. */
  claimSubject(claim: SubjectClaim): Promise<boolean>;
  findSubject(subject: string): Promise<SubjectClaim | null>;
  /** Deletes the claim if it still carries `token`. */
  releaseSubject(subject: string, token: string): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}
