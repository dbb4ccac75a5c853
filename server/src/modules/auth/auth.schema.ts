import { Type, type Static, type TUnsafe } from 'typebox';
import { Cursor, Nullable, ref, Secret, StringEnum } from '../../platform/schemas.js';
import { DECLARED_PERMISSIONS, ROLE_NAMES } from '../../platform/roles.js';

export const ACCOUNT_KINDS = ['staff', 'member', 'public'] as const;
export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export const RoleName = StringEnum(ROLE_NAMES);
// The list is the manifests' (filled when modules/index.ts installs them, before any route is registered), so the
// OpenAPI document and the web's generated `Permission` are exact. Typed `string` here, with the annotation, because
// `Permission` itself is made from the manifests this schema is part of (a circular type otherwise).
export const PermissionName: TUnsafe<string> = Type.Unsafe<string>({ type: 'string', enum: DECLARED_PERMISSIONS });

export const GrantView = Type.Object({
  grantId: Type.String(),
  role: RoleName,
  orgId: Type.String(),
  orgName: Type.String(),
  orgPath: Type.String(),
}, { $id: 'RoleGrant' });

export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  kind: StringEnum(ACCOUNT_KINDS),
  demo: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  mfa: Type.Object({ enabled: Type.Boolean(), required: Type.Boolean(), passed: Type.Boolean() }),
  roles: Type.Array(ref(GrantView)),
  permissions: Type.Array(PermissionName),
}, { $id: 'Me' });
export type MeView = Static<typeof Me>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Secret({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const LoginResult = Type.Object({
  status: StringEnum(['ok', 'mfa_required', 'mfa_enrol_required']),
  me: ref(Me),
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

/** A mainland mobile number as people type it (spaces, dashes and +86 are removed before it is checked). */
const PhoneInput = Type.String({ minLength: 1, maxLength: 20, description: '手机号码（中国大陆）' });

export const SmsCodeBody = Type.Object({ phone: PhoneInput }, { additionalProperties: false });

export const SmsCodeAccepted = Type.Object({
  retryAfterSeconds: Type.Integer({ description: 'seconds before another code may be requested for this phone' }),
  expiresInSeconds: Type.Integer({ description: 'how long a code is valid' }),
  demo: Type.Boolean({ description: 'demo mode: codes arrive on the 虚拟手机 page, not on a real phone' }),
}, { description: 'the same answer whether or not an account has the phone' });

export const SmsLoginBody = Type.Object({ phone: PhoneInput, code: Secret({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false });

export const MySmsQuery = Type.Object({
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

export const MySmsMessage = Type.Object({
  id: Type.String(),
  text: Type.String(),
  at: Type.String({ description: 'when it was sent (ISO 8601)' }),
  date: Type.String({ description: 'China time, YYYY-MM-DD HH:mm' }),
  state: StringEnum(['delivered', 'sending', 'failed'], { description: '已送达 / 发送中 / 未送达' }),
});
export const MySmsList = Type.Object({ items: Type.Array(MySmsMessage), nextCursor: Nullable(Type.String()) });
