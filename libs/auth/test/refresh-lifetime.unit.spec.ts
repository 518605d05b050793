import { afterAll } from 'vitest';
import { describeRefreshLifetime } from './refresh-lifetime.cases.ts';
import { InMemoryRefreshTokens } from './fakes.ts';
import { temporaryCatalog } from './sqlite-catalog.ts';

const sqlite = temporaryCatalog();
afterAll(() => sqlite.dispose());

describeRefreshLifetime('in-memory fake', () => new InMemoryRefreshTokens());
describeRefreshLifetime('node:sqlite store', () => sqlite.store);
