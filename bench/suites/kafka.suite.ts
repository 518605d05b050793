import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { VARIABLE, meterValue } from '../harness/fleet.ts';
import type { BenchContext } from '../harness/context.ts';
import { rowWithBaseline, type BenchRow } from '../harness/report.ts';
import { median } from '../harness/stats.ts';
import { kafkajsBench, platformaticBench, type KafkaClientResult, type KafkaWork } from './kafka-clients.ts';

const SETTINGS = { full: { messages: 100_000, rounds: 3 }, smoke: { messages: 2_000, rounds: 1 } };
const READINGS_PER_MESSAGE = 10;
const DEVICES = 1_000;
const PARTITIONS = 8;

/** MeasurementsRecorded-shaped records (10 readings each, ~1.3 kB), keyed by device like the real topic. */
function messagesOf(count: number): { key: string; value: string }[] {
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const deviceId = `m-${String(i % DEVICES).padStart(4, '0')}`;
    const readings = Array.from({ length: READINGS_PER_MESSAGE }, (_, k) => {
      const ts = start + (Math.floor(i / DEVICES) * READINGS_PER_MESSAGE + k) * 900_000;
      return { variable: VARIABLE, ts: new Date(ts).toISOString(), value: meterValue(i % DEVICES, ts) };
    });
    return {
      key: deviceId,
      value: JSON.stringify({
        specversion: '1.0',
        id: `bench-${i}`,
        source: 'bench',
        type: 'MeasurementsRecorded',
        time: new Date().toISOString(),
        subject: deviceId,
        datacontenttype: 'application/json',
        data: { deviceId, readings },
      }),
    };
  });
}

/**
 * Kafka alone (no HTTP, no projection): produce and consume rates of Medido-shaped records with the
 * current client (kafkajs) and with @platformatic/kafka on the same work, rounds alternating between the
 * clients; medians. Each round uses a fresh topic, deleted afterwards.
 */
export async function kafkaSuite(ctx: BenchContext): Promise<BenchRow[]> {
  const s = SETTINGS[ctx.mode];
  const messages = messagesOf(s.messages);
  const bytes = messages.reduce((n, m) => n + m.key.length + m.value.length, 0);
  const admin = new Kafka({ brokers: ctx.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const results = { kafkajs: [] as KafkaClientResult[], platformatic: [] as KafkaClientResult[] };
  try {
    for (let round = 0; round < s.rounds; round++) {
      for (const [name, bench] of [
        ['kafkajs', kafkajsBench],
        ['platformatic', platformaticBench],
      ] as const) {
        const topic = `bench_kafka_${randomBytes(4).toString('hex')}`;
        ctx.log(`kafka: ${name}, ${messages.length} records, round ${round + 1}/${s.rounds}`);
        await admin.createTopics({
          topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: -1 }],
          waitForLeaders: true,
        });
        try {
          const work: KafkaWork = {
            brokers: ctx.kafkaBrokers,
            topic,
            groupId: `${topic}_group`,
            batch: 1_000,
            messages,
          };
          results[name].push(await bench(work));
        } finally {
          await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
        }
      }
    }
  } finally {
    await admin.disconnect();
  }
  const rate = (list: KafkaClientResult[], key: keyof KafkaClientResult) =>
    messages.length / (median(list.map((r) => r[key])) / 1000);
  const size = `${messages.length.toLocaleString('en-US')} records of ${READINGS_PER_MESSAGE} readings (${(bytes / messages.length / 1024).toFixed(1)} kB), ${PARTITIONS} partitions, ${s.rounds} rounds`;
  const rows: BenchRow[] = [];
  for (const phase of ['produce', 'consume'] as const) {
    const key = phase === 'produce' ? 'produceMs' : 'consumeMs';
    const kafkajs = rate(results.kafkajs, key);
    rows.push({
      id: `kafka.${phase}.kafkajs`,
      metric: `Kafka only: ${phase}, kafkajs${phase === 'produce' ? ' (idempotent, acks=all)' : ''}`,
      value: kafkajs,
      unit: 'records/s',
      note: `${size}; ×${READINGS_PER_MESSAGE} = ${Math.round(kafkajs * READINGS_PER_MESSAGE).toLocaleString('en-US')} readings/s`,
    });
    rows.push(
      rowWithBaseline({
        id: `kafka.${phase}.platformatic`,
        metric: `Kafka only: ${phase}, @platformatic/kafka`,
        value: rate(results.platformatic, key),
        unit: 'records/s',
        baseline: { value: kafkajs, label: 'kafkajs' },
      }),
    );
  }
  return rows;
}
