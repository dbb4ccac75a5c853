// A masked identity value with a 查看 button for accounts allowed to reveal it. Each
// reveal is a POST the server writes to the audit log, so the value is fetched only on
// request and never cached beyond this component.
import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { membersApi } from './members-api';

interface Props {
  memberId: string;
  field: 'idNumber' | 'mobile';
  masked: string;
  canReveal: boolean;
}

export function RevealSecret({ memberId, field, masked, canReveal }: Props) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setValue((await membersApi.reveal(memberId, field)).value);
    } catch (e) {
      setError(t('common.titled', { title: t('members.revealFailed'), name: errorText(t, e) }));
    } finally {
      setBusy(false);
    }
  };

  if (value !== null) {
    return (
      <div>
        <Typography.Text className="mono" copyable data-testid="revealed-value">{value}</Typography.Text>
        <div className="reveal-note" role="status">{t('members.revealNote')}</div>
      </div>
    );
  }
  return (
    <Space wrap size={4}>
      <span className="mono">{masked}</span>
      {canReveal && (
        <Button
          size="small"
          icon={<EyeOutlined aria-hidden />}
          loading={busy}
          onClick={reveal}
          aria-label={field === 'idNumber' ? t('members.revealIdNumber') : t('members.revealMobile')}
          data-testid={field === 'idNumber' ? 'reveal-idnumber' : 'reveal-mobile'}
        >
          {t('common.view')}
        </Button>
      )}
      {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
    </Space>
  );
}
