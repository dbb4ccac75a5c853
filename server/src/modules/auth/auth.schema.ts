import { Type, type Static, type TUnsafe } from 'typebox';
import { ref, Secret, StringEnum } from '../../platform/schemas.js';
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
