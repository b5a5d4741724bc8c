import { Type, type Static } from '@sinclair/typebox';

/**
 * The one error body every EthixAI service answers with. `code` is stable and prefixed per
 * package (BE_ERR_, AIC_ERR_, FAIR_ERR_); `error` is the HTTP reason phrase; `message` is for people.
 */
export const ErrorBodySchema = Type.Object(
  {
    statusCode: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.String({ pattern: '^[A-Z]+_ERR_[A-Z0-9_]+$' }),
    error: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
        description: 'Machine-readable pointers (the field, the limit, the line), when the service has them',
      }),
    ),
  },
  { $id: 'ErrorBody', description: 'Error response' },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;
