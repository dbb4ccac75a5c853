/**
 * Named error factories with stable codes (Outline's server/errors.ts habit).
 * One handler in app.ts renders them as application/problem+json; titles are Chinese,
 * because they are shown to users as they are.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(`${code}: ${title}`);
  }
}

export const badRequest = (code: string, title: string, detail?: string) => new AppError(400, code, title, detail);
export const validationFailed = (errors: FieldError[], title = '提交的信息有误，请按提示修改') =>
  new AppError(400, 'validation_failed', title, undefined, errors);
export const unauthorized = (code = 'auth.required', title = '请先登录') => new AppError(401, code, title);
export const forbidden = (code = 'forbidden', title = '您无权执行此操作') => new AppError(403, code, title);
export const notFound = (what = '记录') => new AppError(404, 'not_found', `${what}不存在或已被删除`);
export const conflict = (code: string, title: string) => new AppError(409, code, title);
export const versionConflict = () => new AppError(409, 'conflict.version', '该记录已被他人修改，请刷新后重试');
export const locked = (title: string) => new AppError(423, 'auth.locked', title);
