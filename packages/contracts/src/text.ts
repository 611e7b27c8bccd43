import { z } from 'zod';

/**
 * Control characters (C0, DEL, C1) have no place in a name or a search term; PostgreSQL refuses
 * NUL in text outright, so letting one through would turn bad input into a server error.
 */
const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;
/** Names are shown in the SPA, e-mails and PDFs: markup is refused rather than escaped later. */
const PLAIN_TEXT = /^[^<>\p{Cc}]*$/u;

/** A one-line human-readable name (person, token, ...): trimmed, no markup, no control chars. */
export function plainTextNameSchema(max: number): z.ZodString {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(PLAIN_TEXT, { message: 'must not contain <, > or control characters' });
}

/** Free text used to search or filter: anything printable, trimmed. */
export function searchTextSchema(max: number): z.ZodString {
  return z
    .string()
    .trim()
    .max(max)
    .regex(NO_CONTROL_CHARS, { message: 'must not contain control characters' });
}

/** Multi-line free text (notes, addresses): tabs and line breaks allowed, other control chars not. */
export function freeTextSchema(max: number): z.ZodString {
  return z
    .string()
    .trim()
    .max(max)
    .regex(/^(?:\P{Cc}|[\t\n\r])*$/u, { message: 'must not contain control characters' });
}
