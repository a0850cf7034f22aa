import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../domain/user.js';

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const SignInSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type SignIn = Static<typeof SignInSchema>;

export const SessionUserSchema = Type.Object({ name: Type.String(), role: RoleSchema });

/** Who the request is from, and what the page should offer them. */
export const SessionSchema = Type.Object({
  /** null: nobody signed in (and no API token given). */
  user: Type.Union([SessionUserSchema, Type.Null()]),
  /** How the request proved who it is: a session cookie, an API token, the server's FAULTLINE_API_TOKEN. */
  via: Type.Union([
    Type.Literal('session'),
    Type.Literal('token'),
    Type.Literal('server-token'),
    Type.Null(),
  ]),
  /** To send as `x-csrf-token` with every state-changing request made with the session cookie. */
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  /** Whether this requester may post articles now. */
  canWrite: Type.Boolean(),
  /** Whether any user exists: until one does, nobody can sign in and writes follow the no-user policy. */
  usersExist: Type.Boolean(),
  /** Whether every API read needs a signed-in user too (`--require-auth`). */
  requireAuth: Type.Boolean(),
});
export type SessionWire = Static<typeof SessionSchema>;

export const SignedInSchema = Type.Object({
  user: SessionUserSchema,
  csrfToken: Type.String(),
  expiresAt: Type.String(),
});
export type SignedIn = Static<typeof SignedInSchema>;

export const UserListSchema = Type.Array(
  Type.Object({
    name: Type.String(),
    role: RoleSchema,
    createdAt: Type.String(),
    disabledAt: Type.Union([Type.String(), Type.Null()]),
  }),
);
