import { Type, type Static } from 'typebox';
import { Secret } from '../../platform/schemas.js';

export const GrantView = Type.Object({
  grantId: Type.String(),
  role: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  orgPath: Type.String(),
});

export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  kind: Type.String(),
  demo: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  mfa: Type.Object({ enabled: Type.Boolean(), required: Type.Boolean(), passed: Type.Boolean() }),
  roles: Type.Array(GrantView),
  permissions: Type.Array(Type.String()),
});
export type MeView = Static<typeof Me>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Secret({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const LoginResult = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('mfa_required'), Type.Literal('mfa_enrol_required')]),
  me: Me,
});

export const CodeBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false });

export const PasswordChangeBody = Type.Object(
  { currentPassword: Secret({ minLength: 1, maxLength: 128 }), newPassword: Secret({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);

export const TotpSetup = Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrDataUrl: Type.String() });

export const SessionList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      createdAt: Type.String(),
      lastSeenAt: Type.String(),
      ip: Type.Union([Type.String(), Type.Null()]),
      userAgent: Type.Union([Type.String(), Type.Null()]),
      current: Type.Boolean(),
    }),
  ),
});
