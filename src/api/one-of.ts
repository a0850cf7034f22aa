import { Type, type TUnsafe } from '@sinclair/typebox';

/**
 * A string that must be one of `values`, as a JSON-schema `enum` rather than a union of constants: a refusal then
 * carries the allowed values, and the API's 400 can list them.
 */
export function oneOf<const T extends readonly string[]>(values: T): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
}
