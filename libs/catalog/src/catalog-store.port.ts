import type { CatalogEvent, ConsumerEvent, DeviceStatus, VariableDefinition, Visibility } from '@medido/contracts';

/**
 * The catalog store port: MongoDB in production (FerretDB in tests: portable subset only, no
 * transactions, change streams, $lookup, TTL or partial indexes), node:sqlite in the embedded default.
 * Read models are documents; projections (catalog-projection.ts) decide their content, adapters only
 * persist them with a single-document compare-and-set.
 */

export interface Organization { organizationId: string; name: string; visibility: Visibility }
export interface Unit { unitId: string; name: string }
export interface Installation {
  installationId: string; organizationId: string; name: string; timezone: string | null; address: string | null;
  units: Unit[];
}
export interface Device {
  deviceId: string; installationId: string; organizationId: string; unitId: string | null;
  name: string | null; model: string | null; status: DeviceStatus;
  variables: VariableDefinition[];
  lastSeenAt: string | null;
}
export interface ApiConsumer {
  consumerId: string; name: string; email: string; subject: string; grants: string[];
  expiresAt: string | null; disabled: boolean; disabledAt: string | null;
}

/** One page of a list: items in id order, and the id to continue after (null at the end). */
export interface Page<T> { items: T[]; next: string | null }
export interface PageRequest { after?: string; limit: number }

export interface RefreshTokenFamily {
  familyId: string; consumerId: string; createdAt: number; absoluteExpiresAt: number;
  /** Hash (SHA-256, base64url) of the one refresh token of this family that may still be used. */
  currentHash: string; currentIssuedAt: number; idleExpiresAt: number;
  /** Hashes of tokens already rotated out: presenting one is reuse and revokes the family. */
  usedHashes: string[];
  revokedAt: number | null; revokedReason: string | null;
}

export interface CatalogReader {
  listOrganizations(page: PageRequest): Promise<Page<Organization>>;
  getOrganization(organizationId: string): Promise<Organization | null>;
  listInstallations(filter: { organizationIds?: string[] }, page: PageRequest): Promise<Page<Installation>>;
  getInstallation(installationId: string): Promise<Installation | null>;
  /** The installation that holds a unit, or null. */
  findInstallationByUnit(unitId: string): Promise<Installation | null>;
  listDevices(filter: { installationId?: string; unitId?: string; deviceIds?: string[] }, page: PageRequest): Promise<Page<Device>>;
  getDevice(deviceId: string): Promise<Device | null>;
  getConsumer(consumerId: string): Promise<ApiConsumer | null>;
  findConsumerBySubject(subject: string): Promise<ApiConsumer | null>;
  listConsumers(page: PageRequest): Promise<Page<ApiConsumer>>;
}

export interface CatalogWriter {
  /** Projects one event; idempotent; an older or repeated event changes nothing. */
  apply(event: CatalogEvent | ConsumerEvent): Promise<void>;
  /** Raises lastSeenAt of devices (never lowers it). */
  touchDevices(lastSeen: Map<string, number>): Promise<void>;
}

export interface RefreshTokenStore {
  createFamily(family: RefreshTokenFamily): Promise<void>;
  findFamilyByTokenHash(hash: string): Promise<RefreshTokenFamily | null>;
  /** Atomically replaces `expectedHash` by `next`; false when `expectedHash` is no longer current (a race or a reuse). */
  rotate(familyId: string, expectedHash: string, next: { hash: string; issuedAt: number; idleExpiresAt: number }): Promise<boolean>;
  revokeFamily(familyId: string, reason: string, at: number): Promise<void>;
  revokeFamiliesOfConsumer(consumerId: string, reason: string, at: number): Promise<number>;
}

export interface CatalogStore extends CatalogReader, CatalogWriter, RefreshTokenStore {
  /** Creates collections/tables and indexes; safe to re-run. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
