// The frame of the public disclosure pages: the portal's section frame with the disclosures' styles.
import type { ReactNode } from 'react';
import { PortalSectionFrame } from '@/pages/portal/PortalSectionFrame';
import './disclosures.css';

export function DisclosureFrame({ children }: { children: ReactNode }) {
  return <PortalSectionFrame section="dp">{children}</PortalSectionFrame>;
}
