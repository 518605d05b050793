export * from './event-bus.port.ts';
