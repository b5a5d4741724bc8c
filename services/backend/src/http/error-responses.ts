import { Type } from '@sinclair/typebox';

/** Error responses by status, for route schemas (the body is the shared `ErrorBody`). */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorBody')]));
