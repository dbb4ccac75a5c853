/** Cross-field rules of the national member record. Returns every problem at once, by field, in Chinese. */
import type { FieldError } from '../../platform/errors.js';
import { addYears, datesAfterToday, isRealDate } from '../../platform/china-time.js';
import { normalizeIdNumber, validateIdNumber } from '../../platform/identity/id-number.js';
import { normalizeMobile, validateLandline, validateMobile } from '../../platform/identity/phone.js';

export interface MemberFacts {
  name: string;
  gender: string;
  birthDate: string;
  idType: string;
  idNumber: string | null;
  category: string;
  joinedOn: string;
  fullOn: string | null;
  mobile: string | null;
  landline: string | null;
  lostContact: boolean;
  lostContactOn: string | null;
  migrant: boolean;
  migrantProvince: string | null;
}

const NAME_RE = /^[\u4e00-\u9fa5\u3400-\u4dbfA-Za-z·.\s]{1,30}$/u;


/** `idNumber` null means "unchanged, already valid" (an update that does not touch it). */
export function validateMember(m: MemberFacts, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });

  if (!NAME_RE.test(m.name.trim())) add('name', '姓名只能包含汉字、字母和间隔号“·”');
  for (const [field, value, label] of [['birthDate', m.birthDate, '出生日期'], ['joinedOn', m.joinedOn, '入党时间'], ['fullOn', m.fullOn, '转正时间'], ['lostContactOn', m.lostContactOn, '失联日期']] as const) {
    if (value && !isRealDate(value)) add(field, `${label}不是有效日期`);
    else errors.push(...datesAfterToday([[field, value, label]], today));
  }
  if (errors.length) return errors;

  if (m.idNumber !== null) {
    if (m.idType === 'resident_id') {
      const problem = validateIdNumber(normalizeIdNumber(m.idNumber), { birthDate: m.birthDate, gender: m.gender as 'male' | 'female' });
      if (problem) add('idNumber', problem);
    } else if (!/^[A-Za-z0-9-]{5,30}$/.test(m.idNumber.trim())) {
      add('idNumber', '证件号码只能包含字母、数字和连字符，长度5至30位');
    }
  }
  if (m.joinedOn < addYears(m.birthDate, 18)) add('joinedOn', '入党时须年满18周岁，请核对入党时间或出生日期');
  if (m.category === 'full') {
    if (!m.fullOn) add('fullOn', '正式党员须填写转正时间');
    else if (m.fullOn <= m.joinedOn) add('fullOn', '转正时间应晚于入党时间');
  } else if (m.fullOn) {
    add('fullOn', '预备党员不应有转正时间；如已转正，请将党员类别改为正式党员');
  }
  if (m.mobile) {
    const problem = validateMobile(normalizeMobile(m.mobile));
    if (problem) add('mobile', problem);
  }
  if (m.landline) {
    const problem = validateLandline(m.landline);
    if (problem) add('landline', problem);
  }
  if (m.lostContact && !m.lostContactOn) add('lostContactOn', '请填写失去联系的日期');
  if (m.migrant && !m.migrantProvince) add('migrantProvince', '流动党员须填写流入地（省）');
  return errors;
}
