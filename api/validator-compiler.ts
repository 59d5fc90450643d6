import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';

/**
 * How a route's `params`, `querystring` and `body` zod schemas are checked before its handler runs: by
 * zod itself, the parsed value (trimmed, coerced, defaults filled in) replacing the raw one.
 *
 * A failure is handed to Fastify as the `ZodError` itself, not as fastify-type-provider-zod's
 * `validation` list (which flattens each path into a `/values/2/value` string and loses whether `2` was an
 * index or a key). Fastify passes an `Error` through unchanged (it only adds `statusCode` 400,
 * `code: FST_ERR_VALIDATION` and `validationContext`), so api/problem.ts answers it exactly as it answered
 * the same schema parsed inside a handler: 400 problem+json, each field named `values[2].value`, a code per
 * field, in the reader's language.
 *
 * A missing or `null` body is read as `{}`, as the handlers did (`request.body ?? {}`): a command whose
 * fields are all optional (`resend`) may be sent without a body.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(httpPart === 'body' ? (data ?? {}) : data);
    return result.success ? { value: result.data } : { error: result.error };
  };

/**
 * For routes whose schemas are there for the document only (set as the route's `validatorCompiler`): the
 * handler validates the request itself, because what it must answer depends on something a schema cannot
 * know before the handler runs. The contact's routes (/respond) are the case: a refusal is written in the
 * contact's language, known only once the link's token is checked and the contact loaded, and a browser's
 * form post is answered with its page, errors in place, rather than with problem+json.
 */
export const documentationOnly: FastifySchemaCompiler<unknown> = () => () => true;
