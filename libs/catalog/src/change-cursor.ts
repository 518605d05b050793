/**
 * Change-log cursors: the sequence number the single writer assigns, zero-padded to a fixed width so
 * text order is numeric order (MongoDB and SQLite compare and index them as plain strings).
 */
export const CURSOR_DIGITS = 16;
const CURSOR = new RegExp(`^\\d{${CURSOR_DIGITS}}$`);

export const cursorOf = (sequence: number): string => String(sequence).padStart(CURSOR_DIGITS, '0');
export const sequenceOf = (cursor: string): number => Number(cursor);
export const isChangeCursor = (text: string): boolean => CURSOR.test(text);
