import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, RoleSchema, TimestampSchema } from './common.ts';

export const UserSchema = Type.Object({
  id: IdSchema,
  orgId: IdSchema,
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  active: Type.Boolean(),
  createdAt: TimestampSchema,
  deactivatedAt: Type.Union([TimestampSchema, Type.Null()]),
});
export type User = Static<typeof UserSchema>;

export const CreateUserBodySchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: RoleSchema,
    password: Type.Optional(
      Type.String({ minLength: 12, maxLength: 1024, description: 'Omit to have one generated and returned once' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBodySchema>;

/** The initial password is returned once, only when the server generated it. */
export const CreatedUserSchema = Type.Object({
  user: UserSchema,
  initialPassword: Type.Optional(Type.String()),
});
export type CreatedUser = Static<typeof CreatedUserSchema>;

/** Deactivation is its own action (POST /v1/users/:id/deactivate): it is irreversible and revokes sessions and keys. */
export const UpdateUserBodySchema = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export type UpdateUserBody = Static<typeof UpdateUserBodySchema>;

export const UserListSchema = Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() });
export type UserList = Static<typeof UserListSchema>;
