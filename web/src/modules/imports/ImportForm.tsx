// 上传文件: what to import, the template, the .xlsx file (checked for type and size before upload),
// the mode, and 开始导入. The file input carries data-testid="import-upload" (Upload passes data-*
// attributes to its <input type=file>), so end-to-end tests can setInputFiles on it directly.
import { useState } from 'react';
import { Alert, App, Button, Form, Radio, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { DownloadButton } from '@/modules/common/DownloadButton';
import { errorText } from '@/modules/common/errors';
import {
  IMPORT_KINDS, IMPORT_MODES, KIND_PERMISSION, MAX_IMPORT_BYTES, templatePath, uploadImport, type ImportKind, type ImportMode,
} from './imports-api';

/** A Chinese message when the chosen file cannot be an import, null when it may be uploaded. */
export function fileProblem(t: TFunction, file: { name: string; size: number }): string | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return t('imports.fileNotXlsx', { name: file.name });
  if (file.size === 0) return t('imports.fileEmpty', { name: file.name });
  if (file.size > MAX_IMPORT_BYTES) return t('imports.fileTooLarge', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1) });
  return null;
}

export function ImportForm({ me, kind, onKindChange, onStarted, lockKind = false }: {
  me: Me;
  kind: ImportKind;
  onKindChange: (k: ImportKind) => void;
  onStarted: (id: string) => void;
  /** A module's own page imports one kind only: no choice of what to import. */
  lockKind?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const allowed = (k: ImportKind) => me.permissions.includes(KIND_PERMISSION[k]);

  const start = async () => {
    setUploadError(null);
    if (!file) {
      setFileError(t('imports.fileRequired'));
      return;
    }
    const problem = fileProblem(t, file);
    if (problem) {
      setFileError(problem);
      return;
    }
    setBusy(true);
    try {
      const created = await uploadImport(kind, mode, file);
      message.success(t('imports.started'));
      setFile(null);
      setFileList([]);
      onStarted(created.id);
    } catch (e) {
      setUploadError(t('imports.uploadFailed', { error: errorText(t, e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" name="import-form" onFinish={() => void start()} requiredMark={false}>
      <Form.Item label={t('imports.kindLabel')} htmlFor="import-form_kind" hidden={lockKind}>
        <Select<ImportKind>
          id="import-form_kind"
          data-testid="import-kind"
          value={kind}
          onChange={onKindChange}
          // The security administrator's list is not offered to others (it is not organization work).
          options={IMPORT_KINDS.filter((k) => allowed(k) || KIND_PERMISSION[k] !== 'security.write').map((k) => ({
            value: k,
            disabled: !allowed(k),
            label: allowed(k) ? t(`imports.kind.${k}`) : `${t(`imports.kind.${k}`)}${t('imports.kindNeedsOrgWrite')}`,
          }))}
        />
      </Form.Item>
      <Form.Item>
        <DownloadButton path={templatePath(kind)} fileName={t('imports.templateFile', { kind: t(`imports.kind.${kind}`) })} testId="import-template" block>
          {t('imports.template')}（{t(`imports.kind.${kind}`)}）
        </DownloadButton>
      </Form.Item>
      <Form.Item
        label={t('imports.fileLabel')}
        htmlFor="import-form_file"
        validateStatus={fileError ? 'error' : undefined}
        help={fileError ?? undefined}
      >
        <Upload.Dragger
          id="import-form_file"
          data-testid="import-upload"
          aria-describedby="import-form_file-hint"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          maxCount={1}
          multiple={false}
          fileList={fileList}
          beforeUpload={(f) => {
            const problem = fileProblem(t, f);
            setFileError(problem);
            if (problem) {
              setFile(null);
              setFileList([]);
            } else {
              setFile(f);
              setFileList([{ uid: f.uid, name: f.name, size: f.size, status: 'done' }]);
            }
            setUploadError(null);
            return Upload.LIST_IGNORE;
          }}
          onRemove={() => {
            setFile(null);
            setFileList([]);
            return true;
          }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
          <p className="ant-upload-text">{t('imports.dropTitle')}</p>
          <p className="ant-upload-hint" id="import-form_file-hint">{t('imports.dropHint')}</p>
        </Upload.Dragger>
      </Form.Item>
      <Form.Item label={t('imports.modeLabel')} extra={t(`imports.modeHelp.${mode}`)}>
        <Radio.Group
          data-testid="import-mode"
          aria-label={t('imports.modeLabel')}
          value={mode}
          onChange={(e) => setMode(e.target.value as ImportMode)}
          options={IMPORT_MODES.map((m) => ({ value: m, label: t(`imports.mode.${m}`) }))}
          style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
        />
      </Form.Item>
      {uploadError && <Alert type="error" showIcon className="form-alert" title={uploadError} role="alert" />}
      <Button type="primary" htmlType="submit" icon={<CloudUploadOutlined aria-hidden />} loading={busy} disabled={!allowed(kind)} data-testid="import-start" block>
        {busy ? t('imports.uploading') : t('imports.start')}
      </Button>
    </Form>
  );
}
