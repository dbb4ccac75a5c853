import { Type, type Static } from 'typebox';
import { Cursor, IdString, Nullable, ref, Secret, StringEnum } from '../../platform/schemas.js';
import { ACCOUNT_KINDS, ACCOUNT_STATUSES, GrantView, PermissionName, RoleName } from '../auth/auth.schema.js';

export const Account = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  kind: StringEnum(ACCOUNT_KINDS),
  status: StringEnum(ACCOUNT_STATUSES),
  locked: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  mfaEnabled: Type.Boolean(),
  lastLoginAt: Nullable(Type.String()),
  createdAt: Type.String(),
  demo: Type.Boolean(),
  roles: Type.Array(ref(GrantView)),
}, { $id: 'Account' });
export type AccountView = Static<typeof Account>;

export const AccountParams = Type.Object({ id: IdString });
export const GrantParams = Type.Object({ id: IdString, grantId: IdString });
export const AccountListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 64 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const AccountList = Type.Object({ items: Type.Array(ref(Account)), nextCursor: Nullable(Type.String()) });

export const AccountCreateBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{2,31}$', description: '3–32 characters: a letter first, then letters, digits, _ . -' }),
    displayName: Type.String({ minLength: 1, maxLength: 60 }),
    // Member accounts are opened by the member's organization: POST /api/members/:id/account.
    kind: Type.Union([Type.Literal('staff'), Type.Literal('public')]),
    password: Secret({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type AccountCreateInput = Static<typeof AccountCreateBody>;

export const AccountUpdateBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false },
);

export const ResetPasswordBody = Type.Object({ password: Secret({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });
export const GrantBody = Type.Object({ role: Type.String({ minLength: 1, maxLength: 40 }), orgId: IdString }, { additionalProperties: false });

export const RoleList = Type.Object({
  items: Type.Array(Type.Object({ role: RoleName, permissions: Type.Array(PermissionName), adminRole: Type.Boolean() })),
});

export const MemberAccountParams = Type.Object({ id: IdString });
export const MemberAccount = Type.Object({
  account: Nullable(Type.Object({
    id: Type.String(), username: Type.String(), status: StringEnum(ACCOUNT_STATUSES), locked: Type.Boolean(), mustChangePassword: Type.Boolean(),
    lastLoginAt: Nullable(Type.String()), createdAt: Type.String(),
  })),
});
export const MemberAccountCreateBody = Type.Object(
  {
    username: AccountCreateBody.properties.username,
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

const Person = Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() });
export const ApprovalRequest = Type.Object({
  id: Type.String(),
  action: StringEnum(['role.grant', 'role.revoke', 'account.reset_password', 'account.disable']),
  status: StringEnum(['pending', 'approved', 'rejected', 'cancelled', 'expired']),
  account: Person,
  role: Nullable(RoleName),
  org: Type.Object({ id: Type.String(), name: Type.String() }),
  requestedBy: Person,
  requestedAt: Type.String(),
  expiresAt: Type.String(),
  decidedBy: Nullable(Person),
  decidedAt: Nullable(Type.String()),
  canApprove: Type.Boolean(),
  canCancel: Type.Boolean(),
}, { $id: 'ApprovalRequest' });
/** The answer of a change that awaits a second administrator (HTTP 202). */
export const PendingApproval = Type.Object({ approvalRequired: Type.Literal(true), request: ref(ApprovalRequest) }, { $id: 'PendingApproval' });
export const ApprovalParams = Type.Object({ id: IdString });
export const ApprovalListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('all')], { default: 'pending' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const ApprovalList = Type.Object({ items: Type.Array(ref(ApprovalRequest)), nextCursor: Nullable(Type.String()) });
