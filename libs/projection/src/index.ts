export * from './dead-letter.ts';
export * from './record-decoder.ts';
export * from './measurements-projection.ts';
export * from './catalog-projection.ts';
export * from './access-projection.ts';
export * from './projector.ts';
export * from './replay.ts';
export * from './write-coalescer.ts';
