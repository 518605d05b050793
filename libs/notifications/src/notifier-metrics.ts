import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

function once<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/** The notifier's own metrics, on the process registry (/metrics), registered once per registry. */
export function notifierMetrics(registry: Registry) {
  const registers = [registry];
  return {
    changes: once(
      registry,
      'medido_notifier_changes_total',
      () =>
        new Counter({
          name: 'medido_notifier_changes_total',
          help: 'Change events appended to the change log, by type.',
          labelNames: ['type'],
          registers,
        }),
    ),
    latency: once(
      registry,
      'medido_notifier_latency_seconds',
      () =>
        new Histogram({
          name: 'medido_notifier_latency_seconds',
          help: 'Broker append time of a measurements record to its changes appended.',
          buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
          registers,
        }),
    ),
    lag: once(
      registry,
      'medido_notifier_lag_records',
      () =>
        new Gauge({
          name: 'medido_notifier_lag_records',
          help: 'Measurements records the notifier has not derived yet.',
          registers,
        }),
    ),
  };
}
export type NotifierMetrics = ReturnType<typeof notifierMetrics>;
