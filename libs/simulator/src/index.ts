export { DEMO_FLEET, ELECTRICITY_VARIABLES, METER_VARIABLES, READING_INTERVAL_MS } from './demo-fleet.ts';
export type {
  DemoDevice,
  DemoFleet,
  DemoInstallation,
  DemoOrganization,
  DemoUnit,
  MeterKind,
  MeterQuirks,
  MeterVariable,
} from './demo-fleet.ts';
export { alignDown, FleetSimulation, offlineInstants, simulateReadings } from './fleet-readings.ts';
export type { SimulatedWindow } from './fleet-readings.ts';
export { resetWithin } from './meter-model.ts';
export { expectedConsumption, expectedConsumptionByBucket, registerSeries } from './expected-totals.ts';
export { simulatedConsumptionByBucket } from './simulated-expectations.ts';
export type { SimulatedConsumptionQuery } from './simulated-expectations.ts';
export type { ConsumptionQuery, RegisterReading } from './expected-totals.ts';
export { startSimulator, resolveSimulatorOptions } from './simulator.ts';
export type { RunningSimulator } from './simulator.ts';
export { MAX_BATCH_SIZE, MAX_SPEED, SIMULATOR_DEFAULTS } from './simulator-options.ts';
export type { SimulatorLogger, SimulatorOptions, SimulatorProgress, SimulatorSummary } from './simulator-options.ts';
export { stderrLogger, stderrProgress } from './cli-output.ts';
