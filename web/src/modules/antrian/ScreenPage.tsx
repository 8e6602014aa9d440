import './strings';
import './antrian.css';
import { useLang } from '../../core/i18n';
import { Kiosk } from './screen/Kiosk';
import { Tv } from './screen/Tv';

/** `/layar/antrian/kiosk/<unit>` (ticket kiosk) and `/layar/antrian/tv/<unit>` (waiting-room display). */
export default function ScreenPage({ path }: { path: string }) {
  const { t } = useLang();
  const m = /^(kiosk|tv)\/([a-z0-9-]{2,40})\/?$/.exec(path);
  if (!m)
    return (
      <main className="antrian-kiosk antrian-kiosk-center" id="main">
        <h1>{t('antrian.screen.unknown')}</h1>
      </main>
    );
  return m[1] === 'kiosk' ? <Kiosk key={m[2]} unit={m[2]!} /> : <Tv key={m[2]} unit={m[2]!} />;
}
