import Type from 'typebox';
import { ChangeEvent } from '@medido/contracts';

export const MAX_CHANGES_LIMIT = 1_000;

/** The filters of the change feed and of the stream: AND, each narrowing what the caller may read. */
export const changeFilters = {
  installationId: Type.Optional(Type.String({ maxLength: 128, description: 'Only changes of this installation.' })),
  unitId: Type.Optional(Type.String({ maxLength: 128, description: 'Only changes of this unit.' })),
  deviceId: Type.Optional(
    Type.String({
      maxLength: 128,
      description: 'Only changes naming this meter (a day.closed names every meter of its installation).',
    }),
  ),
  type: Type.Optional(
    Type.String({
      maxLength: 128,
      description: 'Only these types: measurements.available, bucket.changed, day.closed; comma-separated.',
    }),
  ),
};

export const ChangesQuerystring = Type.Object({
  after: Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        'A cursor (`cursor` of an item, or `next`): only changes after it. Absent: from the oldest change kept.',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_CHANGES_LIMIT,
      default: 100,
      description: `At most this many items (1–${MAX_CHANGES_LIMIT}; default 100).`,
    }),
  ),
  ...changeFilters,
});

export const StreamQuerystring = Type.Object({
  after: Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        'Start after this cursor (the `Last-Event-ID` header wins when both are given). Absent: only changes from now on.',
    }),
  ),
  ...changeFilters,
});

export const ChangePage = Type.Object(
  {
    items: Type.Array(ChangeEvent, {
      description: 'Changes after `after`, oldest first, that the caller may read and the filters select.',
    }),
    next: Type.Union([Type.String(), Type.Null()], {
      description:
        'Pass as `after` to continue (also when `items` is empty: poll again with it); null only while the feed is empty.',
    }),
  },
  { $id: 'ChangePage', description: 'A page of the change feed.' },
);
