import { TOPICS, type TopicName } from '@medido/contracts';

/**
 * Partition counts of Medido's topics. A topic's partition count bounds how many projector
 * replicas can share its work, and changing it later re-maps keys to partitions (which breaks
 * per-key order across the change), so the counts are chosen with headroom up front:
 * measurements carry the volume; catalog and consumer events are rare; access records follow read traffic; dead letters need one.
 */
export const TOPIC_PARTITIONS: Record<TopicName, number> = {
  [TOPICS.measurements]: 8,
  [TOPICS.catalog]: 4,
  [TOPICS.consumers]: 2,
  // One record per answered read, keyed by consumer: more than the catalog, far less than measurements.
  [TOPICS.access]: 4,
  [TOPICS.deadLetter]: 1,
};

/** Every Medido topic with its partition count, as `EventBus.ensureTopics` takes them. */
export function medidoTopics(): { topic: TopicName; partitions: number }[] {
  return Object.entries(TOPIC_PARTITIONS).map(([topic, partitions]) => ({ topic: topic as TopicName, partitions }));
}
