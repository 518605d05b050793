import { afterAll } from 'vitest';
import { describeRefreshLifetime } from './refresh-lifetime.cases.ts';
import { InMemoryRefreshTokens } from '../src/testing/fakes.ts';
import { temporaryCatalog } from '../src/testing/sqlite-catalog.ts';

const sqlite = temporaryCatalog();
afterAll(() => sqlite.dispose());

describeRefreshLifetime('in-memory fake', () => new InMemoryRefreshTokens());
describeRefreshLifetime('node:sqlite store', () => sqlite.store.refreshTokens);
