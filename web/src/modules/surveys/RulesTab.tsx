// 分类规则: the categories in the order they are tried (a reply goes to the first that matches; 上移 / 下移 change
// it), the tags (every matching tag applies), and the survey's own dictionary (words the segmenter keeps whole, one
// a line). Every change re-runs the rules over the replies in the background: 重新归类中… until it is done.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Input, List, Row, Space, Spin } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { surveyKeys, surveysApi, useCategories, type Category, type Survey } from './surveys-api';
import { ruleText } from './surveys-format';
import { CategoryDialog, type CategoryDraft } from './CategoryDialog';

export function RulesTab({ survey, canWrite }: { survey: Survey; canWrite: boolean }) {
  const { t } = useTranslation();
  const cats = useCategories(survey.id);
  const [draft, setDraft] = useState<CategoryDraft | null>(null);
  const S = (k: string) => t(`surveys.rules.${k}` as 'surveys.rules.title');
  if (cats.isError) return <ErrorResult error={cats.error} onRetry={() => void cats.refetch()} />;
  if (!cats.data) return <Card loading />;
  const d = cats.data;
  return (
    <div data-testid="survey-rules">
      <Alert type="info" showIcon className="console-alert" title={S('intro')} />
      {d.recategorizing && (
        <Alert type="warning" showIcon icon={<Spin size="small" />} className="console-alert" role="status" data-testid="recategorizing" title={S('recategorizing')} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <CategoryList kind="category" surveyId={survey.id} items={d.categories} canWrite={canWrite} onEdit={setDraft} />
          <CategoryList kind="tag" surveyId={survey.id} items={d.tags} canWrite={canWrite} onEdit={setDraft} />
        </Col>
        <Col xs={24} xl={10}>
          <Dictionary surveyId={survey.id} words={d.words.map((w) => w.word)} canWrite={canWrite} />
        </Col>
      </Row>
      {draft && <CategoryDialog surveyId={survey.id} draft={draft} onClose={() => setDraft(null)} />}
    </div>
  );
}

function CategoryList({ kind, surveyId, items, canWrite, onEdit }: { kind: 'category' | 'tag'; surveyId: string; items: Category[]; canWrite: boolean; onEdit: (d: CategoryDraft) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const S = (k: string) => t(`surveys.rules.${k}` as 'surveys.rules.title');
  const what = kind === 'tag' ? t('surveys.category.tag') : t('surveys.category.category');
  const refresh = () => queryClient.invalidateQueries({ queryKey: surveyKeys.survey(surveyId) });

  const move = async (i: number, by: -1 | 1) => {
    const ids = items.map((c) => c.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    setBusy(true);
    try {
      await surveysApi.reorder(surveyId, ids);
      await refresh();
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const remove = (c: Category) => modal.confirm({
    title: t('surveys.rules.deleteTitle', { what, name: c.name }),
    content: kind === 'tag' ? S('deleteTagBody') : S('deleteBody'),
    okText: t('surveys.rules.delete'),
    okButtonProps: { danger: true },
    cancelText: t('common.cancel'),
    onOk: async () => {
      try {
        await surveysApi.deleteCategory(surveyId, c.id);
        await refresh();
        message.success(t('surveys.rules.deleted', { name: c.name }));
      } catch (e) {
        modal.error({ title: S('delete'), content: errorText(t, e) });
      }
    },
  });

  return (
    <Card size="small" className="survey-card"
      title={<h2 className="chart-title">{kind === 'tag' ? S('tags') : S('categories')}</h2>}
      extra={canWrite && <Button size="small" type={kind === 'category' ? 'primary' : 'default'} icon={<PlusOutlined aria-hidden />}
        onClick={() => onEdit({ kind, name: '', rules: [] })} data-testid={`${kind}-new`}>{kind === 'tag' ? S('newTag') : S('newCategory')}</Button>}>
      <p className="muted small">{kind === 'tag' ? S('tagsHint') : S('categoriesHint')}</p>
      <List
        loading={busy}
        dataSource={items}
        locale={{ emptyText: <span className="muted">{kind === 'tag' ? S('noTags') : S('noCategories')}</span> }}
        renderItem={(c, i) => (
          <List.Item data-testid={`${kind}-item`}
            actions={canWrite ? [
              ...(kind === 'category' ? [
                <Button key="up" size="small" type="text" icon={<ArrowUpOutlined aria-hidden />} disabled={i === 0 || busy} onClick={() => void move(i, -1)} aria-label={t('surveys.rules.moveUp', { name: c.name })} />,
                <Button key="down" size="small" type="text" icon={<ArrowDownOutlined aria-hidden />} disabled={i === items.length - 1 || busy} onClick={() => void move(i, 1)} aria-label={t('surveys.rules.moveDown', { name: c.name })} />,
              ] : []),
              <Button key="edit" size="small" type="text" icon={<EditOutlined aria-hidden />} onClick={() => onEdit({ id: c.id, kind, name: c.name, rules: c.rules })} aria-label={t('surveys.rules.editOf', { name: c.name })} />,
              <Button key="del" size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={() => remove(c)} aria-label={t('surveys.rules.deleteOf', { name: c.name })} />,
            ] : undefined}>
            <List.Item.Meta
              title={<span>{kind === 'category' && <span className="survey-seq">{i + 1}</span>}{c.name}</span>}
              description={<ul className="survey-rule-list">{c.rules.map((r, j) => <li key={j}>{ruleText(t, r)}</li>)}</ul>}
            />
          </List.Item>
        )}
      />
      {kind === 'category' && <p className="muted small">{S('otherNote')}</p>}
    </Card>
  );
}

function Dictionary({ surveyId, words, canWrite }: { surveyId: string; words: string[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const S = (k: string) => t(`surveys.rules.${k}` as 'surveys.rules.title');
  const value = text ?? words.join('\n');
  const save = async () => {
    const list = [...new Set(value.split(/\r?\n/).map((w) => w.trim()).filter(Boolean))];
    if (list.length > 2000) { setError(S('dictTooMany')); return; }
    const bad = list.find((w) => /\s/.test(w) || w.length > 30);
    if (bad) { setError(t('surveys.rules.dictBad', { word: bad })); return; }
    setBusy(true);
    try {
      await surveysApi.setWords(surveyId, list);
      await queryClient.invalidateQueries({ queryKey: surveyKeys.survey(surveyId) });
      setText(null);
      setError(null);
      message.success(S('dictSaved'));
    } catch (e) {
      setError(isApiError(e) && e.errors.length ? e.errors.map((x) => {
        const i = /^words\.(\d+)/.exec(x.field);
        return i ? t('surveys.rules.dictLine', { line: Number(i[1]) + 1, message: x.message }) : x.message;
      }).join('；') : errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="survey-card" title={<h2 className="chart-title">{S('dictionary')}</h2>}>
      <p className="muted small">{S('dictHint')}</p>
      <Input.TextArea rows={10} value={value} onChange={(e) => { setText(e.target.value); setError(null); }} disabled={!canWrite}
        aria-label={S('dictionary')} placeholder={S('dictPlaceholder')} className="mono" data-testid="survey-dictionary" />
      {error && <Alert type="error" showIcon title={error} role="alert" className="console-alert" />}
      {canWrite && (
        <Space className="survey-dict-actions">
          <Button type="primary" onClick={() => void save()} loading={busy} disabled={text === null} data-testid="survey-dictionary-save">{S('dictSave')}</Button>
          {text !== null && <Button onClick={() => { setText(null); setError(null); }}>{t('common.cancel')}</Button>}
        </Space>
      )}
    </Card>
  );
}
