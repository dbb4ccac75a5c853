/** Password hashing (argon2id) and the password policy check. */
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package exports a const enum, which isolated modules cannot read.
const ARGON2ID = 2;

// OWASP's argon2id minimum (19 MiB, t=2, p=1): about 30 ms here, cheap enough for login bursts.
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export interface PasswordRules {
  passwordMinLength: number;
  passwordMinClasses: number;
}

/** Returns a Chinese message naming what is missing, or null when the password satisfies the policy. */
export function checkPasswordPolicy(password: string, rules: PasswordRules, username?: string): string | null {
  if (password.length < rules.passwordMinLength) return `密码长度至少为${rules.passwordMinLength}位`;
  if (password.length > 128) return '密码长度不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < rules.passwordMinClasses) {
    return `密码须包含大写字母、小写字母、数字、特殊字符中的至少${rules.passwordMinClasses}类`;
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
