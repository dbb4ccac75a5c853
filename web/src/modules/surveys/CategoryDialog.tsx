// The dialog of one category or tag: its name and rules — 任一词 / 全部词 (optionally matching inside a longer
// word the segmenter keeps whole), 短语, 正则表达式, 数字范围. The server's messages land under the rule they name
// (rules.0.pattern); 主题推荐 opens it prefilled with a theme's name and rules.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { errorText } from '@/modules/common/errors';
import { RULE_KINDS, surveyKeys, surveysApi, type CategoryInput, type RuleInput, type RuleKind } from './surveys-api';
import { testId, namePath } from './surveys-format';

export interface CategoryDraft { id?: string; kind: 'category' | 'tag'; name: string; rules: RuleInput[] }

interface RuleValues { kind: RuleKind; words?: string[]; inside?: boolean; text?: string; pattern?: string; min?: number | null; max?: number | null }
interface Values { name: string; rules: RuleValues[] }

const toValues = (r: RuleInput): RuleValues => ({ ...r });
function toRule(v: RuleValues): RuleInput {
  switch (v.kind) {
    case 'any':
    case 'all': return { kind: v.kind, words: (v.words ?? []).map((w) => w.trim()).filter(Boolean), ...(v.inside ? { inside: true } : {}) };
    case 'phrase': return { kind: 'phrase', text: v.text ?? '' };
    case 'regex': return { kind: 'regex', pattern: v.pattern ?? '' };
    case 'number': return { kind: 'number', min: v.min ?? 0, max: v.max ?? 0 };
  }
}

export function CategoryDialog({ surveyId, draft, onClose, onSaved }: { surveyId: string; draft: CategoryDraft; onClose: () => void; onSaved?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const C = (k: string) => t(`surveys.category.${k}` as 'surveys.category.name');
  const what = draft.kind === 'tag' ? C('tag') : C('category');

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: CategoryInput = { kind: draft.kind, name: v.name.trim(), rules: v.rules.map(toRule) };
    setBusy(true);
    try {
      if (draft.id) await surveysApi.updateCategory(surveyId, draft.id, body);
      else await surveysApi.createCategory(surveyId, body);
      await queryClient.invalidateQueries({ queryKey: surveyKeys.survey(surveyId) });
      message.success(t(draft.id ? 'surveys.category.updated' : 'surveys.category.created', { what, name: body.name }));
      onSaved?.();
      onClose();
    } catch (e) {
      if (isApiError(e) && e.errors.length) {
        // rules.0.words.2 is a word of the words field: its message goes under that field.
        form.setFields(e.errors.map((x) => ({ name: namePath(x.field.replace(/^(rules\.\d+\.words)\.\d+$/, '$1')) as never, errors: [x.message] })));
        if (e.errors.some((x) => !/^(name|rules)/.test(x.field))) setError(e.errors.map((x) => x.message).join('；'));
      } else setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open width={640} title={t(draft.id ? 'surveys.category.editTitle' : 'surveys.category.createTitle', { what })} okText={t('common.save')} cancelText={t('common.cancel')}
      onOk={() => void submit()} onCancel={onClose} okButtonProps={{ loading: busy, ...testId('category-save') }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" name="survey-category" onValuesChange={() => setError(null)}
        initialValues={{ name: draft.name, rules: draft.rules.length ? draft.rules.map(toValues) : [{ kind: 'any', words: [] }] }}>
        <Form.Item name="name" label={t('surveys.category.nameOf', { what })} rules={[{ required: true, whitespace: true, message: t('surveys.category.nameRequired', { what }) }, { max: 40 }]}>
          <Input maxLength={40} data-testid="category-name" />
        </Form.Item>
        <Form.List name="rules" rules={[{ validator: async (_, rs?: RuleValues[]) => { if (!rs?.length) throw new Error(C('rulesRequired')); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <div className="survey-rules">
              <div className="survey-rules-head">{C('rules')}<span className="muted small">{C('rulesHint')}</span></div>
              {fields.map((f, i) => <RuleCard key={f.key} name={f.name} index={i} onRemove={fields.length > 1 ? () => remove(f.name) : undefined} />)}
              <Form.ErrorList errors={errors} />
              {fields.length < 50 && <Button type="dashed" size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add({ kind: 'any', words: [] })} data-testid="category-add-rule">{C('addRule')}</Button>}
            </div>
          )}
        </Form.List>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}

function RuleCard({ name, index, onRemove }: { name: number; index: number; onRemove?: () => void }) {
  const { t } = useTranslation();
  const kind = Form.useWatch(['rules', name, 'kind']) as RuleKind | undefined;
  const C = (k: string) => t(`surveys.category.${k}` as 'surveys.category.name');
  return (
    <Card size="small" className="survey-rule" data-testid="category-rule"
      title={t('surveys.category.ruleNo', { no: index + 1 })}
      extra={onRemove && <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove} aria-label={t('surveys.category.removeRule', { no: index + 1 })} />}>
      <Form.Item name={[name, 'kind']} label={C('kind')}>
        <Select options={RULE_KINDS.map((k) => ({ value: k, label: t(`surveys.rules.kinds.${k}`) }))} style={{ width: 200 }} aria-label={C('kind')} data-testid="rule-kind" />
      </Form.Item>
      {(kind === 'any' || kind === 'all') && (
        <>
          <Form.Item name={[name, 'words']} label={C('words')} extra={kind === 'any' ? C('wordsAnyHint') : C('wordsAllHint')}
            rules={[{ required: true, type: 'array', min: 1, message: C('wordsRequired') }]}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ' ', '　', ';', '；']} suffixIcon={null} placeholder={C('wordsPlaceholder')} aria-label={C('words')} data-testid="rule-words" />
          </Form.Item>
          <Form.Item name={[name, 'inside']} valuePropName="checked" extra={C('insideHint')}>
            <Checkbox>{C('inside')}</Checkbox>
          </Form.Item>
        </>
      )}
      {kind === 'phrase' && (
        <Form.Item name={[name, 'text']} label={C('phrase')} extra={C('phraseHint')} rules={[{ required: true, whitespace: true, message: C('phraseRequired') }, { max: 100 }]}>
          <Input maxLength={100} data-testid="rule-phrase" />
        </Form.Item>
      )}
      {kind === 'regex' && (
        <Form.Item name={[name, 'pattern']} label={C('pattern')} extra={C('patternHint')}
          rules={[{ required: true, whitespace: true, message: C('patternRequired') }, { max: 200 }, {
            validator: async (_, p?: string) => { if (p) { try { new RegExp(p, 'iu'); } catch { throw new Error(C('patternInvalid')); } } },
          }]}>
          <Input maxLength={200} className="mono" data-testid="rule-pattern" />
        </Form.Item>
      )}
      {kind === 'number' && (
        <Space wrap align="start">
          <Form.Item name={[name, 'min']} label={C('min')} rules={[{ required: true, message: C('rangeRequired') }]}>
            <InputNumber style={{ width: 160 }} data-testid="rule-min" />
          </Form.Item>
          <Form.Item name={[name, 'max']} label={C('max')} dependencies={[['rules', name, 'min']]}
            rules={[{ required: true, message: C('rangeRequired') }, ({ getFieldValue }) => ({
              validator: async (_, v?: number | null) => { const min = getFieldValue(['rules', name, 'min']) as number | null; if (v != null && min != null && v < min) throw new Error(C('rangeOrder')); },
            })]}>
            <InputNumber style={{ width: 160 }} data-testid="rule-max" />
          </Form.Item>
        </Space>
      )}
    </Card>
  );
}
