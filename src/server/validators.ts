import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';

type ValidatorFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;
/** The server's `ajv` option as fastify hands it to the factory, with customOptions always present. */
interface AjvServerOptions {
  readonly customOptions: Readonly<Record<string, unknown>>;
}
/** The shape of @fastify/ajv-compiler's factory as fastify calls it: one compiler per set of options, pooled. */
type CompilerFromPool = (
  externalSchemas: Parameters<ValidatorFactory>[0],
  options: AjvServerOptions,
) => FastifySchemaCompiler<unknown>;

/** The server's ajv options. Querystrings and path parameters arrive as text and are coerced to their schema. */
export const REQUEST_AJV_OPTIONS = {
  customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false },
} satisfies FastifyServerOptions['ajv'];

/**
 * A validator factory for `schemaController.compilersFactory.buildValidator`: the server's ajv options for the
 * querystring, params and headers, the same options without type coercion for the body. A JSON body carries its
 * own types, so `{"text": 42}` or `{"text": ["a"]}` must be refused (400 naming the field), not turned into text.
 *
 * Any custom factory makes fastify pass header schemas through unchanged (it lowercases their keys only for its
 * built-in compiler): a headers schema added later must spell its keys in lower case.
 */
export function partAwareValidators(): ValidatorFactory {
  // fastify's own default compiler (a direct dependency at the version fastify uses), built twice
  const pool = AjvCompiler() as unknown as CompilerFromPool;
  const build: CompilerFromPool = (externalSchemas, options) => {
    const coercing = pool(externalSchemas, options);
    const strict = pool(externalSchemas, {
      ...options,
      customOptions: { ...options.customOptions, coerceTypes: false },
    });
    return (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
  };
  return build as unknown as ValidatorFactory;
}
